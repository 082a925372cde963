/* photo.h: staff photos: accept JPEG or PNG by content (not by name),
 * re-encode to a 256x256 JPEG. Re-encoding drops EXIF (GPS positions are
 * personal data) and anything else hidden in the file. */
#ifndef TMS_PHOTO_H
#define TMS_PHOTO_H
#include <stddef.h>

#define PHOTO_SIZE	256
#define PHOTO_MIN_SIDE	64
#define PHOTO_MAX_SIDE	10000
#define PHOTO_MAX_PIXELS	36000000UL	/* 36 MP: what the decoder may allocate */

/* 0 with a 256x256 JPEG in *out (malloc'd), or -1 with a Japanese reason. */
int	photo_normalize(const void *, size_t, unsigned char **, size_t *, const char **);
/* Width and height as the JPEG/PNG header declares them (nothing decoded). */
int	photo_dimensions(const void *, size_t, unsigned long *, unsigned long *);

#endif
