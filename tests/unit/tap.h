/* tap.h: minimal TAP producer for the automake TAP driver. Every line is
 * flushed at once: stdout is a pipe to the driver, so a crash or a
 * sanitizer abort would otherwise lose every result buffered before it. */
#ifndef TMS_TAP_H
#define TMS_TAP_H
#include <stdarg.h>
#include <stdio.h>

static int tap_n, tap_fail;

static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	if (!cond)
		tap_fail++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_n);
	fflush(stdout);
	return tap_fail ? 1 : 0;
}

#endif
