/* photo.c: sniff, decode (libgd), centre-crop, scale and re-encode. */
#include <gd.h>
#include <stdlib.h>
#include <string.h>
#include "photo.h"

int
photo_normalize(const void *in, size_t len, unsigned char **out, size_t *outlen,
    const char **why)
{
	const unsigned char *p = in;
	gdImagePtr src = NULL, dst;
	int w, h, side, size = 0;
	void *jpg;

	*out = NULL;
	if (len < 16 || len > 20 * 1024 * 1024) {
		*why = "画像ファイルが空か、大きすぎます";
		return -1;
	}
	if (p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		src = gdImageCreateFromJpegPtr((int)len, (void *)in);
	else if (memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		src = gdImageCreateFromPngPtr((int)len, (void *)in);
	else {
		*why = "JPEGまたはPNGの画像を選んでください（ファイルの中身で判定しています）";
		return -1;
	}
	if (src == NULL) {
		*why = "画像を読み込めませんでした（壊れているか、対応していない形式です）";
		return -1;
	}
	w = gdImageSX(src);
	h = gdImageSY(src);
	if (w < 64 || h < 64 || w > 10000 || h > 10000) {
		gdImageDestroy(src);
		*why = "画像の大きさは縦横64〜10000ピクセルにしてください";
		return -1;
	}
	side = w < h ? w : h;
	dst = gdImageCreateTrueColor(PHOTO_SIZE, PHOTO_SIZE);
	if (dst == NULL) {
		gdImageDestroy(src);
		*why = "画像を処理できませんでした";
		return -1;
	}
	gdImageCopyResampled(dst, src, 0, 0, (w - side) / 2, (h - side) / 2,
	    PHOTO_SIZE, PHOTO_SIZE, side, side);
	gdImageDestroy(src);
	jpg = gdImageJpegPtr(dst, &size, 85);
	gdImageDestroy(dst);
	if (jpg == NULL || size <= 0) {
		*why = "画像を処理できませんでした";
		return -1;
	}
	*out = malloc((size_t)size);
	if (*out == NULL)
		abort();
	memcpy(*out, jpg, (size_t)size);
	*outlen = (size_t)size;
	gdFree(jpg);
	return 0;
}
