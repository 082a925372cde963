/* test_photo.c: photos are accepted by content, re-encoded to 256x256 JPEG. */
#include <gd.h>
#include <stdlib.h>
#include <string.h>
#include "photo.h"
#include "tap.h"

int
main(void)
{
	gdImagePtr im = gdImageCreateTrueColor(640, 480);
	unsigned char *out = NULL;
	const char *why = NULL;
	size_t outlen = 0;
	int size = 0;
	void *png, *jpg;

	gdImageFilledRectangle(im, 0, 0, 639, 479, gdTrueColor(200, 30, 30));
	png = gdImagePngPtr(im, &size);
	ok(photo_normalize(png, (size_t)size, &out, &outlen, &why) == 0, "PNG accepted");
	ok(out && outlen > 3 && out[0] == 0xff && out[1] == 0xd8, "re-encoded as JPEG");
	if (out) {
		gdImagePtr back = gdImageCreateFromJpegPtr((int)outlen, out);
		ok(back && gdImageSX(back) == PHOTO_SIZE && gdImageSY(back) == PHOTO_SIZE,
		    "cropped and scaled to %dx%d", PHOTO_SIZE, PHOTO_SIZE);
		if (back)
			gdImageDestroy(back);
		ok(memmem(out, outlen, "Exif", 4) == NULL, "no Exif block in the output");
		free(out);
	}
	jpg = gdImageJpegPtr(im, &size, 90);
	ok(photo_normalize(jpg, (size_t)size, &out, &outlen, &why) == 0, "JPEG accepted");
	free(out);
	gdFree(jpg);
	{
		char fake[64] = "\xff\xd8\xff this is not really a jpeg at all......";
		ok(photo_normalize(fake, sizeof(fake), &out, &outlen, &why) != 0 && why,
		    "JPEG magic with garbage refused: %s", why ? why : "");
	}
	ok(photo_normalize("GIF89a..........", 16, &out, &outlen, &why) != 0 && strstr(why, "JPEG"),
	    "GIF refused by content: %s", why);
	ok(photo_normalize("<?php echo 1; ?>......", 22, &out, &outlen, &why) != 0,
	    "script renamed .jpg refused");
	{
		gdImagePtr tiny = gdImageCreateTrueColor(10, 10);
		void *t = gdImagePngPtr(tiny, &size);
		ok(photo_normalize(t, (size_t)size, &out, &outlen, &why) != 0 && strstr(why, "64"),
		    "too small refused: %s", why);
		gdFree(t);
		gdImageDestroy(tiny);
	}
	gdFree(png);
	gdImageDestroy(im);
	return done_testing();
}
