/* photo.h: staff photos: accept JPEG or PNG by content (not by name),
 * re-encode to a 256x256 JPEG. Re-encoding drops EXIF (GPS positions are
 * personal data) and anything else hidden in the file. */
#ifndef TMS_PHOTO_H
#define TMS_PHOTO_H
#include <stddef.h>

#define PHOTO_SIZE	256

int	photo_normalize(const void *, size_t, unsigned char **, size_t *, const char **);

#endif
