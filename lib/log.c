/* log.c: timestamped single-line log records; newlines in messages are escaped
 * so that one record is always one line (log injection, ASVS 7.3.1). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "log.h"

static const char *log_tag = "tms";

void
log_set_tag(const char *tag)
{
	log_tag = tag;
}

static void
log_emit(const char *level, const char *fmt, va_list ap)
{
	struct buf b, line;
	struct timeval tv;
	struct tm tm;
	char ts[40];
	size_t i;

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%S", &tm);
	buf_init(&b);
	buf_init(&line);
	buf_vprintf(&b, fmt, ap);
	buf_printf(&line, "%s.%03d%s %s[%d] %s ", ts, (int)(tv.tv_usec / 1000),
	    "", log_tag, (int)getpid(), level);
	for (i = 0; i < b.len; i++) {
		unsigned char c = (unsigned char)b.data[i];
		if (c == '\n')
			buf_puts(&line, "\\n");
		else if (c == '\r')
			buf_puts(&line, "\\r");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(&line, "\\x%02x", c);
		else
			buf_putc(&line, (char)c);
	}
	buf_putc(&line, '\n');
	if (write(STDERR_FILENO, line.data, line.len) < 0) {
		/* nothing sensible left to do */
	}
	buf_free(&b);
	buf_free(&line);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit("info", fmt, ap);
	va_end(ap);
}

void
log_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_emit("error", fmt, ap);
	va_end(ap);
}
