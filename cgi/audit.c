/* audit.c: the append-only audit trail: who did what to whose record, when,
 * from where, with what result. Values are never recorded, only what was
 * looked at or changed. A failure to record is logged, never silent. Each
 * row is chained to the one before (auditchain.c). */
#include <stdio.h>
#include "app.h"
#include "log.h"
#include "auditchain.h"

void
audit(struct ctx *c, const char *action, long subject, const char *target,
    const char *detail, const char *result)
{
	char acct[24], staff[24], subj[24];
	const char *p[9] = { acct, staff, role_name(c->me.role), action, subj,
	    target, detail, c->remote_addr, result };

	snprintf(acct, sizeof(acct), "%ld", c->me.id);
	snprintf(staff, sizeof(staff), "%ld", c->me.staff_id);
	snprintf(subj, sizeof(subj), "%ld", subject);
	if (p[2][0] == '\0')
		p[2] = "anonymous";
	if (audit_add(&c->app->rw, p) != 0)
		log_err("audit: could not record %s of %ld by uid=%ld", action, subject, c->me.id);
}
