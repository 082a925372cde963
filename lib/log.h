/* log.h: one-line logging to stderr (the master redirects it to the log file). */
#ifndef TMS_LOG_H
#define TMS_LOG_H

void	log_set_tag(const char *);
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_err(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
