/* mailq.h: outgoing mail (table mail_queue, sql/052_mail_queue.sql): the
 * address rule that the edit forms and the sender share, and the sender of
 * `tmsctl mail-send`. */
#ifndef TMS_MAILQ_H
#define TMS_MAILQ_H

struct config;

/* NULL when addr may be handed to the mail command, else why not (Japanese,
 * for "メールアドレス: ..." form errors and the queue's last_error). */
const char	*mail_addr_invalid(const char *);

/* tmsctl mail-send [--once | --loop] [options]; argv[0] is "mail-send".
 * Returns the exit status. */
int		 mailq_send(const struct config *, int, char *[]);

#endif
