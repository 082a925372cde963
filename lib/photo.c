/* photo.c: sniff, read the dimensions from the header, decode (libgd),
 * centre-crop, scale and re-encode. The decoder allocates the whole image
 * (4 bytes a pixel) from the dimensions the file declares, so those are
 * checked first: a file of a few KB may declare 30000x30000 pixels. */
#include <gd.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "photo.h"

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3];
}

/* JPEG: walk the marker segments up to the first SOFn frame header (the
 * one libjpeg decodes; an Exif thumbnail is inside APP1 and skipped with
 * it). PNG: the IHDR chunk, which must come first. Returns 0 with *w and
 * *h, or -1 when the file ends or breaks before them. */
int
photo_dimensions(const void *in, size_t len, unsigned long *w, unsigned long *h)
{
	const unsigned char *p = in;
	size_t i;

	if (len >= 24 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0) {
		if (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0)
			return -1;
		*w = be32(p + 16);
		*h = be32(p + 20);
		return 0;
	}
	if (len < 4 || p[0] != 0xff || p[1] != 0xd8)
		return -1;
	for (i = 2; i + 4 <= len;) {
		unsigned m, seglen;

		if (p[i] != 0xff)
			return -1;
		m = p[i + 1];
		if (m == 0xff) {	/* fill byte */
			i++;
			continue;
		}
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd7)) {	/* no length */
			i += 2;
			continue;
		}
		if (m == 0xd8 || m == 0xd9 || m == 0xda)	/* SOI, EOI, SOS */
			return -1;
		seglen = be16(p + i + 2);
		if (seglen < 2)
			return -1;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
			if (seglen < 7 || i + 9 > len)
				return -1;
			*h = be16(p + i + 5);
			*w = be16(p + i + 7);
			return 0;
		}
		i += 2 + (size_t)seglen;
	}
	return -1;
}

int
photo_normalize(const void *in, size_t len, unsigned char **out, size_t *outlen,
    const char **why)
{
	const unsigned char *p = in;
	gdImagePtr src = NULL, dst;
	unsigned long dw = 0, dh = 0;
	int w, h, side, size = 0;
	void *jpg;

	*out = NULL;
	if (len < 16 || len > 20 * 1024 * 1024) {
		*why = "画像ファイルが空か、大きすぎます";
		return -1;
	}
	if (!(p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff) &&
	    memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0) {
		*why = "JPEGまたはPNGの画像を選んでください（ファイルの中身で判定しています）";
		return -1;
	}
	if (photo_dimensions(in, len, &dw, &dh) != 0) {
		*why = "画像を読み込めませんでした（壊れているか、対応していない形式です）";
		return -1;
	}
	if (dw < PHOTO_MIN_SIDE || dh < PHOTO_MIN_SIDE) {
		*why = "画像が小さすぎます。縦横それぞれ64ピクセル以上の画像を選んでください";
		return -1;
	}
	if (dw > PHOTO_MAX_SIDE || dh > PHOTO_MAX_SIDE || dw * dh > PHOTO_MAX_PIXELS) {
		*why = "画像の画素数が多すぎます（縦横それぞれ10000ピクセル以下、"
		    "合計3600万画素以下）。縮小してから登録してください";
		return -1;
	}
	if (p[0] == 0xff)
		src = gdImageCreateFromJpegPtr((int)len, (void *)in);
	else
		src = gdImageCreateFromPngPtr((int)len, (void *)in);
	if (src == NULL) {
		*why = "画像を読み込めませんでした（壊れているか、対応していない形式です）";
		return -1;
	}
	w = gdImageSX(src);
	h = gdImageSY(src);
	if ((unsigned long)w != dw || (unsigned long)h != dh) {	/* never expected */
		gdImageDestroy(src);
		*why = "画像を読み込めませんでした（壊れているか、対応していない形式です）";
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
	*out = xmalloc((size_t)size);
	memcpy(*out, jpg, (size_t)size);
	*outlen = (size_t)size;
	gdFree(jpg);
	return 0;
}
