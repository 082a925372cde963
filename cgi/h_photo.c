/* h_photo.c: /photos/:id (served by nginx via X-Accel-Redirect after the
 * policy check) and /staff/:id/photo (upload: content-checked, re-encoded). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app.h"
#include "handlers.h"
#include "log.h"
#include "photo.h"
#include "sandbox.h"
#include "staff.h"
#include "stmts.h"
#include "view.h"

int
h_photo(struct ctx *c)
{
	char sha[65], path[128];
	unsigned rel;
	int st = staff_rel_today(c, c->caps[0], &rel, sha);

	if (st != 200)
		return page_error(c, st, "写真が見つかりません。");
	if (staff_level(c, rel, FG_PHOTO) < PL_READ)
		return page_error(c, 403, "この写真を見る権限がありません。");
	if (sha[0] == '\0')
		return page_error(c, 404, "写真は登録されていません。");
	snprintf(path, sizeof(path), "/_photos/%s.jpg", sha);
	resp_header(&c->resp, "X-Accel-Redirect", path);
	c->resp.ctype = "image/jpeg";
	return 200;
}

/* Store a photo under its hash in the photo directory, opened before the
 * worker was confined (cgi/sandbox.c allows exactly these calls on it): a
 * new temporary file, linked to its name (linking never replaces a file: a
 * photo already there is the same photo), then the temporary name removed. */
static int
write_file(int dir, const char *sha, const unsigned char *data, size_t len)
{
	char tmp[128], dst[128];
	int fd, rc = -1;

	if (dir < 0) {
		errno = ENOENT;
		return -1;
	}
	snprintf(dst, sizeof(dst), "%s.jpg", sha);
	snprintf(tmp, sizeof(tmp), ".%s.%d.tmp", sha, (int)getpid());
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST) {	/* left by a dead worker of the same pid */
		(void)unlinkat(dir, tmp, 0);
		fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	}
	if (fd < 0)
		return -1;
	if (write(fd, data, len) == (ssize_t)len && fsync(fd) == 0 &&
	    (linkat(dir, tmp, dir, dst, 0) == 0 || errno == EEXIST))
		rc = 0;
	{
		int e = errno;	/* for the caller's log line */
		close(fd);
		(void)unlinkat(dir, tmp, 0);
		errno = e;
	}
	return rc;
}

int
h_photo_upload(struct ctx *c)
{
	const struct kv *f = kv_find(&c->form, "photo");
	char sha[65], back[64];
	unsigned rel;
	unsigned char *jpg = NULL;
	size_t jlen = 0;
	const char *why = NULL;
	int st = staff_rel_today(c, c->caps[0], &rel, sha);

	if (st != 200)
		return page_error(c, st, "職員が見つかりません。");
	if (staff_level(c, rel, FG_PHOTO) < PL_EDIT) {
		audit(c, "deny", strtol(c->caps[0], NULL, 10), "photo", NULL, "denied");
		return page_error(c, 403, "写真を変更する権限がありません。");
	}
	if (f == NULL || f->filename == NULL || f->len == 0)
		return page_error(c, 400, "写真のファイルを選んでください。");
	if (photo_normalize(f->val, f->len, &jpg, &jlen, &why) != 0)
		return page_error(c, 400, why);
	crypto_sha256_hex(jpg, jlen, sha);
	if (c->app->cfg->photos == NULL || write_file(sandbox_photos_dir(), sha, jpg, jlen) != 0) {
		log_err("photo: cannot store in %s: %s", c->app->cfg->photos ? c->app->cfg->photos : "(unset)", strerror(errno));
		free(jpg);
		return page_error(c, 503, "写真を保存できませんでした。");
	}
	free(jpg);
	{
		const char *p[2] = { c->caps[0], sha };
		if (db_command(&c->app->rw, STMT_STAFF_PHOTO_SET, p) != 0)
			return page_error(c, 503, "写真を保存できませんでした。");
	}
	audit(c, "update", strtol(c->caps[0], NULL, 10), "photo", NULL, "ok");
	snprintf(back, sizeof(back), "/staff/%s/edit?saved=photo", c->caps[0]);
	return page_redirect(c, back);
}
