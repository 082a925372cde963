/* test_photo.c: photos are accepted by content, re-encoded to 256x256 JPEG;
 * the dimensions come from the header, and a small file declaring a huge
 * image is refused before anything is decoded (or allocated). */
#include <gd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <zlib.h>
#include "photo.h"
#include "tap.h"

static size_t
put32(unsigned char *p, unsigned long v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
	return 4;
}

/* A PNG chunk with its CRC at p; returns its size. */
static size_t
chunk(unsigned char *p, const char *type, const unsigned char *data, size_t n)
{
	put32(p, n);
	memcpy(p + 4, type, 4);
	if (n)
		memcpy(p + 8, data, n);
	put32(p + 8 + n, crc32(crc32(0, NULL, 0), p + 4, (unsigned)(4 + n)));
	return 12 + n;
}

/* A well-formed PNG header for w x h (8-bit RGB) followed by a few rows of
 * real image data: a few KB, as a decoder sees it. */
static size_t
crafted_png(unsigned char *out, unsigned long w, unsigned long h)
{
	unsigned char ihdr[13] = { 0 }, raw[4096] = { 0 }, z[2048];
	uLongf zn = sizeof(z);
	size_t n = 8;

	memcpy(out, "\x89PNG\r\n\x1a\n", 8);
	put32(ihdr, w);
	put32(ihdr + 4, h);
	ihdr[8] = 8;	/* bit depth */
	ihdr[9] = 2;	/* RGB */
	n += chunk(out + n, "IHDR", ihdr, sizeof(ihdr));
	compress(z, &zn, raw, sizeof(raw));
	n += chunk(out + n, "IDAT", z, zn);
	n += chunk(out + n, "IEND", NULL, 0);
	return n;
}

/* A baseline JPEG header (SOI, an APP0, a quantisation table, SOF0 for
 * w x h, three components) and a few bytes of scan. */
static size_t
crafted_jpeg(unsigned char *out, unsigned w, unsigned h)
{
	static const unsigned char app0[] = { 0xff, 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0,
	    1, 1, 0, 0, 1, 0, 1, 0, 0 };
	unsigned char *p = out;

	*p++ = 0xff;
	*p++ = 0xd8;
	memcpy(p, app0, sizeof(app0));
	p += sizeof(app0);
	*p++ = 0xff; *p++ = 0xdb; *p++ = 0; *p++ = 67; *p++ = 0;	/* DQT */
	memset(p, 1, 64);
	p += 64;
	*p++ = 0xff; *p++ = 0xc0; *p++ = 0; *p++ = 17; *p++ = 8;	/* SOF0 */
	*p++ = (unsigned char)(h >> 8); *p++ = (unsigned char)h;
	*p++ = (unsigned char)(w >> 8); *p++ = (unsigned char)w;
	*p++ = 3;
	for (int c = 1; c <= 3; c++) {
		*p++ = (unsigned char)c; *p++ = 0x11; *p++ = 0;
	}
	*p++ = 0xff; *p++ = 0xda; *p++ = 0; *p++ = 12; *p++ = 3;	/* SOS */
	for (int c = 1; c <= 3; c++) {
		*p++ = (unsigned char)c; *p++ = 0;
	}
	*p++ = 0; *p++ = 63; *p++ = 0;
	memset(p, 0, 256);
	p += 256;
	*p++ = 0xff;
	*p++ = 0xd9;
	return (size_t)(p - out);
}

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
	{
		unsigned long w = 0, h = 0;
		void *j;
		int rc;

		j = gdImageJpegPtr(im, &size, 90);
		rc = photo_dimensions(j, (size_t)size, &w, &h);
		ok(rc == 0 && w == 640 && h == 480, "JPEG header: 640x480 (%lux%lu)", w, h);
		gdFree(j);
		gdImageInterlace(im, 1);	/* progressive JPEG: SOF2 */
		j = gdImageJpegPtr(im, &size, 90);
		rc = photo_dimensions(j, (size_t)size, &w, &h);
		ok(rc == 0 && w == 640 && h == 480, "progressive JPEG header: 640x480 (%lux%lu)", w, h);
		gdFree(j);
		gdImageInterlace(im, 0);
		ok(photo_dimensions(png, 30, &w, &h) == 0 && w == 640 && h == 480,
		    "PNG header: 640x480");
	}
	{
		/* Decompression bombs: a few KB declaring 30000x30000 pixels
		 * (3.6 GB to decode). Memory is capped at 1 GB here, so a decoder
		 * that tried would fail, not pass. */
		struct rlimit rl = { 1UL << 30, 1UL << 30 };
		unsigned char bomb[8192];
		size_t n;
		unsigned long w = 0, h = 0;
		int rc;

#ifndef __SANITIZE_ADDRESS__	/* ASan maps terabytes of shadow up front */
		setrlimit(RLIMIT_AS, &rl);
#else
		(void)rl;
#endif
		n = crafted_png(bomb, 30000, 30000);
		rc = photo_dimensions(bomb, n, &w, &h);
		ok(n < 4096 && rc == 0 && w == 30000 && h == 30000,
		    "crafted PNG of %zu bytes declares 30000x30000", n);
		why = NULL;
		rc = photo_normalize(bomb, n, &out, &outlen, &why);
		ok(rc != 0 && why && strstr(why, "画素数が多すぎます"), "refused before decoding: %s", why ? why : "");
		n = crafted_jpeg(bomb, 30000, 30000);
		rc = photo_dimensions(bomb, n, &w, &h);
		ok(n < 4096 && rc == 0 && w == 30000 && h == 30000,
		    "crafted JPEG of %zu bytes declares 30000x30000", n);
		why = NULL;
		rc = photo_normalize(bomb, n, &out, &outlen, &why);
		ok(rc != 0 && why && strstr(why, "画素数が多すぎます"), "refused before decoding: %s", why ? why : "");
		n = crafted_jpeg(bomb, 9000, 9000);	/* each side allowed, 81 MP not */
		why = NULL;
		rc = photo_normalize(bomb, n, &out, &outlen, &why);
		ok(rc != 0 && why && strstr(why, "画素数が多すぎます"), "9000x9000 (81 MP) refused: %s", why ? why : "");
		n = crafted_png(bomb, 0x80000000UL, 100);
		why = NULL;
		rc = photo_normalize(bomb, n, &out, &outlen, &why);
		ok(rc != 0 && why && strstr(why, "画素数が多すぎます"), "2^31 pixels wide refused: %s", why ? why : "");
		n = crafted_jpeg(bomb, 30000, 30000);
		bomb[2 + 18 + 69 + 1] = 0xd9;	/* EOI where SOF0 was: no frame header */
		why = NULL;
		rc = photo_normalize(bomb, n, &out, &outlen, &why);
		ok(rc != 0 && why && strstr(why, "読み込めません"), "a JPEG without a frame header is refused: %s",
		    why ? why : "");
	}
	gdFree(png);
	gdImageDestroy(im);
	return done_testing();
}
