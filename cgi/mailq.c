/* mailq.c: outgoing mail. Requests only queue messages (mail_queue,
 * sql/052_mail_queue.sql); `tmsctl mail-send` sends them:
 *
 *   tmsctl -c CONFIG mail-send [--once | --loop] [--command PATH]
 *       [--timeout SECONDS] [--attempts N] [--poll SECONDS]
 *
 * It claims one due message at a time (FOR UPDATE SKIP LOCKED, so several
 * senders never take the same one; the claim is a lease: a sender that dies
 * leaves the message due again after it), runs the mail command as
 * `COMMAND -- ADDRESS` with the message on standard input, no shell, as the
 * configured worker user when started as root, and kills it (with anything
 * it started) after the timeout. The outcome goes back to the row: sent, or
 * failed with the reason, retried after 1, 2, 4... minutes until the
 * attempts are used up. An address the mail command could take for an
 * option or that is malformed is never handed to it: the row fails at once.
 * --once sends what is due and exits; --loop waits for new rows with
 * LISTEN mail_queue (the insert trigger NOTIFYs), polling as a fallback,
 * until SIGTERM, which lets the message being sent finish. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <openssl/evp.h>
#include "buf.h"
#include "config.h"
#include "db.h"
#include "mailq.h"
#include "stmts.h"

const char *
mail_addr_invalid(const char *a)
{
	const unsigned char *p;
	const char *at, *dom;
	size_t len = strlen(a);

	if (*a == '-')
		return "「-」で始まるアドレスは使えません";
	for (p = (const unsigned char *)a; *p; p++)
		if (*p <= 0x20 || *p == 0x7f)
			return "空白や制御文字は使えません";
	if (len > 254)
		return "254バイト以内で入力してください";
	at = strchr(a, '@');
	if (at == NULL || at == a || strchr(at + 1, '@') != NULL)
		return "メールアドレスの形式が正しくありません";
	dom = at + 1;
	if (strchr(dom, '.') == NULL || *dom == '.' || *dom == '-' || a[len - 1] == '.')
		return "メールアドレスの形式が正しくありません";
	return NULL;
}

/* ------------------------------------------------------------ sender */

struct sender {
	const char	*cmd;
	int		 timeout;	/* seconds a mail command may run */
	int		 attempts;	/* tries per message */
	int		 poll;		/* seconds between checks without NOTIFY */
	int		 loop;
	int		 drop;		/* run the command as uid/gid */
	uid_t		 uid;
	gid_t		 gid;
	long		 sent, failed;
};

static volatile sig_atomic_t stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Copy the command's error output as one line of valid UTF-8, at most max
 * bytes: control characters become spaces, invalid bytes "?". */
static void
clean_line(const char *in, size_t n, char *out, size_t max)
{
	size_t i = 0, o = 0;

	while (i < n && (in[i] == '\n' || in[i] == '\r' || in[i] == ' '))
		i++;
	while (i < n && o + 4 < max) {
		unsigned char ch = (unsigned char)in[i];
		size_t k = ch < 0x80 ? 1 : (ch & 0xe0) == 0xc0 ? 2 : (ch & 0xf0) == 0xe0 ? 3 :
		    (ch & 0xf8) == 0xf0 ? 4 : 0, j;
		if (ch == '\n' || ch == '\r')
			break;
		for (j = 1; k && j < k; j++)
			if (i + j >= n || ((unsigned char)in[i + j] & 0xc0) != 0x80)
				k = 0;
		if (k == 2 && ch < 0xc2)
			k = 0;
		if (k == 0) {
			out[o++] = '?';
			i++;
		} else if (k == 1) {
			out[o++] = ch < 0x20 || ch == 0x7f ? ' ' : (char)ch;
			i++;
		} else {
			memcpy(out + o, in + i, k);
			o += k;
			i += k;
		}
	}
	out[o] = '\0';
}

/* Run `cmd -- addr` with msg on standard input; 0 when it exited 0 within
 * the timeout, else -1 with the reason in err. */
static int
run_command(const struct sender *s, const char *addr, const struct buf *msg,
    char *err, size_t errlen)
{
	int in[2], ep[2], status = 0, timed_out = 0, reaped = 0;
	char ebuf[512];
	size_t elen = 0, off = 0;
	long long deadline;
	pid_t pid;

	if (pipe2(in, O_CLOEXEC) != 0)
		goto fail_start;
	if (pipe2(ep, O_CLOEXEC) != 0) {
		close(in[0]);
		close(in[1]);
		goto fail_start;
	}
	if ((pid = fork()) < 0) {
		close(in[0]);
		close(in[1]);
		close(ep[0]);
		close(ep[1]);
		goto fail_start;
	}
	if (pid == 0) {
		char *const argv[] = { (char *)s->cmd, (char *)"--", (char *)addr, NULL };
		char *const envp[] = { (char *)"PATH=/usr/local/bin:/usr/bin:/bin",
		    (char *)"LANG=C.UTF-8", NULL };
		sigset_t none;
		int null = open("/dev/null", O_WRONLY);

		setpgid(0, 0);	/* its own group: a timeout kills all of it */
		signal(SIGPIPE, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (dup2(in[0], 0) < 0 || dup2(ep[1], 2) < 0 || null < 0 || dup2(null, 1) < 0)
			_exit(126);
		if (s->drop && (setgroups(1, &s->gid) != 0 || setgid(s->gid) != 0 ||
		    setuid(s->uid) != 0)) {
			dprintf(2, "cannot switch to uid %ld: %s\n", (long)s->uid, strerror(errno));
			_exit(126);
		}
		if (chdir("/") != 0)
			_exit(126);
		execve(s->cmd, argv, envp);
		dprintf(2, "%s: %s\n", s->cmd, strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);	/* also here: no race with the kill below */
	close(in[0]);
	close(ep[1]);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	fcntl(ep[0], F_SETFL, O_NONBLOCK);
	deadline = now_ms() + (long long)s->timeout * 1000;
	while (!reaped) {
		struct pollfd pf[2];
		nfds_t n = 0;
		long long left;
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid) {
			reaped = 1;
			break;
		}
		if ((left = deadline - now_ms()) <= 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			timed_out = reaped = 1;
			break;
		}
		if (in[1] >= 0) {
			pf[n].fd = in[1];
			pf[n++].events = POLLOUT;
		}
		if (ep[0] >= 0) {
			pf[n].fd = ep[0];
			pf[n++].events = POLLIN;
		}
		/* wake at least every 50 ms to see whether it has exited */
		poll(pf, n, left < 50 ? (int)left : 50);
		if (in[1] >= 0) {
			ssize_t wr = write(in[1], msg->data + off, msg->len - off);
			if (wr > 0)
				off += (size_t)wr;
			if (off == msg->len || (wr < 0 && errno != EAGAIN && errno != EINTR)) {
				close(in[1]);	/* all written, or it stopped reading */
				in[1] = -1;
			}
		}
		if (ep[0] >= 0) {
			char chunk[512];
			ssize_t rd = read(ep[0], chunk, sizeof(chunk));
			if (rd > 0) {
				size_t k = (size_t)rd < sizeof(ebuf) - elen ? (size_t)rd : sizeof(ebuf) - elen;
				memcpy(ebuf + elen, chunk, k);
				elen += k;
			} else if (rd == 0 || (errno != EAGAIN && errno != EINTR)) {
				close(ep[0]);
				ep[0] = -1;
			}
		}
	}
	if (in[1] >= 0)
		close(in[1]);
	if (ep[0] >= 0) {
		ssize_t rd = read(ep[0], ebuf + elen, sizeof(ebuf) - elen);
		if (rd > 0)
			elen += (size_t)rd;
		close(ep[0]);
	}
	if (timed_out) {
		snprintf(err, errlen, "送信コマンドが%d秒以内に終わらなかったため強制終了しました", s->timeout);
		return -1;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	{
		char line[240];
		clean_line(ebuf, elen, line, sizeof(line));
		if (WIFSIGNALED(status))
			snprintf(err, errlen, "送信コマンドがシグナル%dで終了しました%s%s",
			    WTERMSIG(status), *line ? ": " : "", line);
		else
			snprintf(err, errlen, "送信コマンドが終了コード%dで失敗しました%s%s",
			    WEXITSTATUS(status), *line ? ": " : "", line);
	}
	return -1;
fail_start:
	snprintf(err, errlen, "送信コマンドを起動できませんでした: %s", strerror(errno));
	return -1;
}

/* The message on the command's standard input: headers (the subject as a
 * MIME encoded word), a blank line, the body. */
static void
compose(struct buf *m, const char *addr, const char *subject, const char *body)
{
	size_t n = strlen(subject);
	unsigned char *b64 = xmalloc(4 * ((n + 2) / 3) + 1);

	EVP_EncodeBlock(b64, (const unsigned char *)subject, (int)n);
	buf_reset(m);
	buf_printf(m, "To: %s\nSubject: =?UTF-8?B?%s?=\nMIME-Version: 1.0\n"
	    "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n\n%s",
	    addr, (const char *)b64, body);
	free(b64);
}

static void
record(struct db *db, const char *id, const char *why, int retry, const struct sender *s)
{
	char max[16];
	const char *p[4] = { id, why, retry ? "true" : "false", max };
	int rc;

	snprintf(max, sizeof(max), "%d", s->attempts);
	if (why == NULL)
		rc = db_command(db, STMT_MAIL_SENT, p);
	else
		rc = db_command(db, STMT_MAIL_FAILED, p);
	if (rc != 0)
		fprintf(stderr, "mail-send: message %s: could not record the outcome "
		    "(it is due again when its lease ends)\n", id);
}

/* Send every due message; 0, or -1 when the database failed. */
static int
drain(struct sender *s, struct db *db)
{
	char lease[16];
	const char *p[1] = { lease };
	struct buf id, addr, msg;
	int rc = 0;

	snprintf(lease, sizeof(lease), "%d", s->timeout + 60);
	buf_init(&id);
	buf_init(&addr);
	buf_init(&msg);
	while (!stopping) {
		PGresult *r = db_exec(db, STMT_MAIL_CLAIM, p);
		const char *bad;
		char why[600];

		if (r == NULL) {
			rc = -1;
			break;
		}
		if (PQntuples(r) == 0) {
			PQclear(r);
			break;
		}
		buf_reset(&id);
		buf_puts(&id, PQgetvalue(r, 0, 0));
		buf_reset(&addr);
		buf_puts(&addr, PQgetvalue(r, 0, 1));
		compose(&msg, addr.data, PQgetvalue(r, 0, 2), PQgetvalue(r, 0, 3));
		PQclear(r);
		if ((bad = mail_addr_invalid(addr.data)) != NULL) {
			snprintf(why, sizeof(why), "宛先アドレスが不正なため送信しません（%s）", bad);
			record(db, id.data, why, 0, s);
			s->failed++;
		} else if (run_command(s, addr.data, &msg, why, sizeof(why)) != 0) {
			record(db, id.data, why, 1, s);
			s->failed++;
		} else {
			record(db, id.data, NULL, 0, s);
			s->sent++;
			continue;
		}
		/* never the address: the log holds no personal data */
		fprintf(stderr, "mail-send: message %s failed: %s\n", id.data, why);
	}
	buf_free(&id);
	buf_free(&addr);
	buf_free(&msg);
	return rc;
}

/* Drop the notifications libpq has read; 1 if there were any. */
static int
take_notifies(PGconn *c)
{
	PGnotify *n;
	int any = 0;

	PQconsumeInput(c);
	while ((n = PQnotifies(c)) != NULL) {
		PQfreemem(n);
		any = 1;
	}
	return any;
}

/* Sleep until a NOTIFY, the next retry or the poll interval, whichever is
 * first (or a signal). */
static void
wait_for_work(const struct sender *s, struct db *db, int failed)
{
	long long ms = (long long)s->poll * 1000;
	PGresult *r;

	if (failed) {	/* database away: try again soon */
		poll(NULL, 0, s->poll < 5 ? s->poll * 1000 : 5000);
		return;
	}
	if ((r = db_exec(db, STMT_MAIL_NEXT, NULL)) != NULL) {
		long long next = atoll(PQgetvalue(r, 0, 0));
		PQclear(r);
		if (next >= 0 && next < ms)
			ms = next;
	}
	if (ms < 200)
		ms = 200;	/* due but locked by another sender: not a busy loop */
	if (db->conn == NULL || PQstatus(db->conn) != CONNECTION_OK) {
		poll(NULL, 0, (int)ms);
		return;
	}
	/* a NOTIFY read along with the last result is not on the socket */
	if (take_notifies(db->conn))
		return;
	{
		struct pollfd pf = { .fd = PQsocket(db->conn), .events = POLLIN };
		if (poll(&pf, 1, (int)ms) > 0)
			take_notifies(db->conn);
	}
}

static int
int_opt(const char *name, const char *v, int lo, int hi, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < lo || n > hi) {
		fprintf(stderr, "mail-send: %s must be a whole number from %d to %d\n", name, lo, hi);
		return -1;
	}
	*out = (int)n;
	return 0;
}

int
mailq_send(const struct config *cfg, int argc, char *argv[])
{
	struct sender s = { .cmd = cfg->mail_command, .timeout = 20, .attempts = 5, .poll = 60 };
	struct sigaction sa;
	struct db db;
	unsigned listen_gen = 0;
	int i, rc = 0, once = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--once") == 0)
			once = 1;
		else if (strcmp(a, "--loop") == 0)
			s.loop = 1;
		else if (strcmp(a, "--command") == 0 && v) {
			s.cmd = v;
			i++;
		} else if (strcmp(a, "--timeout") == 0 && v) {
			if (int_opt(a, v, 1, 3600, &s.timeout) != 0)
				return 2;
			i++;
		} else if (strcmp(a, "--attempts") == 0 && v) {
			if (int_opt(a, v, 1, 100, &s.attempts) != 0)
				return 2;
			i++;
		} else if (strcmp(a, "--poll") == 0 && v) {
			if (int_opt(a, v, 1, 3600, &s.poll) != 0)
				return 2;
			i++;
		} else {
			fprintf(stderr, "mail-send: unknown option %s\n", a);
			return 2;
		}
	}
	if (once && s.loop) {
		fprintf(stderr, "mail-send: --once or --loop, not both\n");
		return 2;
	}
	if (s.cmd == NULL || *s.cmd != '/') {
		fprintf(stderr, "mail-send: no mail command: set wishes.mail_command in %s "
		    "or give --command (an absolute path)\n", cfg->path ? cfg->path : "the configuration");
		return 1;
	}
	if (access(s.cmd, X_OK) != 0) {
		fprintf(stderr, "mail-send: %s: %s\n", s.cmd, strerror(errno));
		return 1;
	}
	if (geteuid() == 0 && cfg->user) {	/* the mail command never runs as root */
		struct passwd *pw = getpwnam(cfg->user);
		if (pw == NULL) {
			fprintf(stderr, "mail-send: user %s (from %s) does not exist\n", cfg->user, cfg->path);
			return 1;
		}
		s.drop = 1;
		s.uid = pw->pw_uid;
		s.gid = pw->pw_gid;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: a wait returns at once */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	db_init(&db, "owner", cfg->db_owner ? cfg->db_owner : cfg->db_rw, stmts_table(), STMT__MAX, 60000);
	if (s.loop)
		fprintf(stderr, "mail-send: waiting for mail (command %s, timeout %d s, %d attempts)\n",
		    s.cmd, s.timeout, s.attempts);
	while (!stopping) {
		int failed = 0;
		/* listen before looking, so nothing queued meanwhile is missed */
		if (s.loop && db_ensure(&db) == 0 && listen_gen != db.gen) {
			PGresult *r = PQexec(db.conn, "LISTEN mail_queue");	/* constant */
			if (PQresultStatus(r) == PGRES_COMMAND_OK)
				listen_gen = db.gen;
			PQclear(r);
		}
		if (drain(&s, &db) != 0) {
			failed = 1;
			rc = 1;
		}
		if (!s.loop)
			break;
		wait_for_work(&s, &db, failed || listen_gen != db.gen);
	}
	db_close(&db);
	printf("mail-send: %ld sent, %ld failed\n", s.sent, s.failed);
	return s.loop ? 0 : rc;
}
