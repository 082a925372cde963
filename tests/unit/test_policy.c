/* test_policy.c: the default policy grants what the specification says, and
 * bad policy files are refused with file, line and reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "policy.h"
#include "tap.h"

#define GEN	ROLEBIT(PR_GENERAL)
#define HR	(ROLEBIT(PR_HR) | GEN)
#define ADM	(ROLEBIT(PR_ADMIN) | GEN)
#define COL	RELBIT(REL_COLLEAGUE)
#define SELF	(RELBIT(REL_SELF) | COL)
#define SUP	(RELBIT(REL_SUPERVISOR) | COL)
#define SAME	(RELBIT(REL_SAME_UNIT) | COL)

static const char *
tmp(const char *text)
{
	static char path[64];
	FILE *fp;

	snprintf(path, sizeof(path), "/tmp/tms-policy-%d.yaml", (int)getpid());
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

int
main(void)
{
	const char *src = getenv("TMS_SRCDIR");
	char path[1024], err[512];
	struct policy p;
	int g;

	snprintf(path, sizeof(path), "%s/etc/policy.yaml", src ? src : ".");
	ok(policy_load(path, &p, err, sizeof(err)) == 0, "default policy loads (%s)", err);

	/* purpose (2): colleagues read career, skills and the rest of the public profile */
	for (g = 0; g < FG__MAX; g++) {
		int want = (g == FG_BASIC || g == FG_CAREER || g == FG_QUALIFICATIONS ||
		    g == FG_TRAINING || g == FG_SKILLS || g == FG_PHOTO || g == FG_SELF_INTRO ||
		    g == FG_DUTIES);
		ok((policy_level(&p, GEN, COL, g) == PL_READ) == want,
		    "colleague %s %s", want ? "reads" : "does not read", policy_group_names[g]);
	}
	ok(policy_level(&p, GEN, SELF, FG_EVALUATIONS) == PL_READ, "self reads own evaluations");
	ok(policy_level(&p, GEN, SUP, FG_EVALUATIONS) == PL_READ, "supervisor reads evaluations");
	ok(policy_level(&p, GEN, SAME, FG_EVALUATIONS) == PL_NONE, "same unit does not read evaluations");
	ok(policy_level(&p, HR, COL, FG_EVALUATIONS) == PL_EDIT, "hr edits evaluations");
	ok(policy_level(&p, ADM, COL, FG_EVALUATIONS) == PL_NONE, "admin does not read evaluations");
	ok(policy_level(&p, ADM | HR, COL, FG_EVALUATIONS) == PL_EDIT, "admin who is also hr does");
	ok(policy_level(&p, GEN, SELF, FG_SENSITIVE) == PL_READ, "self reads own birth date");
	ok(policy_level(&p, HR, COL, FG_SENSITIVE) == PL_EDIT, "hr edits sensitive fields");
	ok(policy_level(&p, GEN, SUP, FG_SENSITIVE) == PL_NONE, "supervisor does not read sensitive fields");
	ok(policy_level(&p, ADM, COL, FG_SENSITIVE) == PL_NONE, "admin does not read sensitive fields");
	ok(policy_level(&p, GEN, SELF, FG_SELF_INTRO) == PL_EDIT, "staff edit their self-introduction");
	ok(policy_level(&p, GEN, SELF, FG_SKILLS) == PL_EDIT, "staff edit their skills");
	ok(policy_level(&p, GEN, SELF, FG_CAREER) == PL_READ, "staff cannot edit their career");
	ok(policy_level(&p, GEN, 0, FG_BASIC) == PL_NONE, "no relation, nothing");
	/* duties: unit heads and hr edit a unit's register, members and colleagues read it,
	 * assignees (self) update their own tasks */
	ok(policy_level(&p, GEN, SUP, FG_DUTIES) == PL_EDIT, "unit head edits the unit's duties");
	ok(policy_level(&p, GEN, SAME, FG_DUTIES) == PL_READ, "unit member reads the unit's duties");
	ok(policy_level(&p, GEN, SELF, FG_DUTIES) == PL_EDIT, "assignee updates own tasks");
	ok(policy_level(&p, HR, COL, FG_DUTIES) == PL_EDIT, "hr edits every unit's duties");
	ok(policy_level(&p, ADM, COL, FG_DUTIES) == PL_READ, "admin reads duties");
	ok(policy_relmask(&p, GEN, FG_EVALUATIONS, PL_READ) ==
	    (RELBIT(REL_SELF) | RELBIT(REL_SUPERVISOR)), "relmask: evaluations via self or supervisor");
	ok(policy_relmask(&p, HR, FG_EVALUATIONS, PL_READ) & RELBIT(REL_COLLEAGUE), "relmask: hr reaches everyone (colleague)");
	ok(policy_relmask(&p, GEN, FG_CONTACT, PL_READ) ==
	    (RELBIT(REL_SELF) | RELBIT(REL_SUPERVISOR) | RELBIT(REL_SAME_UNIT)), "relmask: contact");
	/* the legal name behind a 旧姓 or 通称 is searched only under this mask */
	ok(policy_relmask(&p, GEN, FG_SENSITIVE, PL_READ) == RELBIT(REL_SELF),
	    "relmask: sensitive (legal name search) for oneself only");
	ok(policy_relmask(&p, ADM, FG_SENSITIVE, PL_READ) == RELBIT(REL_SELF),
	    "relmask: admin searches no one else's legal name");
	ok(policy_relmask(&p, HR, FG_SENSITIVE, PL_READ) & RELBIT(REL_COLLEAGUE),
	    "relmask: hr searches everyone's legal name");
	ok(p.show_viewer[REL_COLLEAGUE] == PS_NAME && p.show_viewer_hr == PS_ROLE,
	    "viewers: colleagues by name, hr by role");

	ok(p.ana_k == 3, "analytics: k is 3");
	ok(policy_analytics(&p, HR, AP_DASHBOARDS) == AS_ALL, "analytics: hr sees every unit");
	ok(policy_analytics(&p, GEN, AP_DASHBOARDS) == AS_OWN, "analytics: staff see the units they head");
	ok(policy_analytics(&p, ADM, AP_EVALUATIONS) == AS_OWN, "analytics: admin only as a head (general grant)");
	ok(policy_analytics(&p, HR, AP_EVALUATIONS) == AS_ALL, "analytics: hr sees every unit's evaluations");

	ok(policy_load(tmp("roles:\n  general:\n    self:\n      basic: read\n"), &p, err, sizeof(err)) == 0 &&
	    p.ana_k == 3 && policy_analytics(&p, HR, AP_EVALUATIONS) == AS_ALL &&
	    policy_analytics(&p, GEN, AP_EVALUATIONS) == AS_OWN, "analytics: defaults without the section");
	ok(policy_load(tmp("analytics:\n  k: 5\n  evaluations:\n    hr: all\n"), &p, err, sizeof(err)) == 0 &&
	    p.ana_k == 5 && policy_analytics(&p, GEN, AP_EVALUATIONS) == AS_NONE &&
	    policy_analytics(&p, GEN, AP_DASHBOARDS) == AS_OWN, "analytics: a listed part grants only what it lists (%s)", err);
	ok(policy_load(tmp("analytics:\n  k: 0\n"), &p, err, sizeof(err)) != 0 &&
	    strstr(err, ":2: k must be a whole number from 1 to 100"), "analytics: bad k: %s", err);
	ok(policy_load(tmp("analytics:\n  dashboards:\n    hr: some\n"), &p, err, sizeof(err)) != 0 &&
	    strstr(err, ":3: must be none, own or all"), "analytics: bad scope: %s", err);
	ok(policy_load(tmp("analytics:\n  charts:\n    hr: all\n"), &p, err, sizeof(err)) != 0 &&
	    strstr(err, ":2: unknown analytics key 'charts'"), "analytics: unknown part: %s", err);
	ok(policy_load(tmp("analytics:\n  dashboards:\n    chief: all\n"), &p, err, sizeof(err)) != 0 &&
	    strstr(err, ":3: unknown role 'chief'"), "analytics: unknown role: %s", err);

	ok(policy_load(tmp("roles:\n  general:\n    self:\n      basic: read\n  chief:\n    self:\n      basic: read\n"),
	    &p, err, sizeof(err)) != 0 && strstr(err, ":5: unknown role 'chief'"), "unknown role: %s", err);
	ok(policy_load(tmp("roles:\n  general:\n    boss:\n      basic: read\n"),
	    &p, err, sizeof(err)) != 0 && strstr(err, ":3: unknown relation 'boss'"), "unknown relation: %s", err);
	ok(policy_load(tmp("roles:\n  general:\n    self:\n      salary: read\n"),
	    &p, err, sizeof(err)) != 0 && strstr(err, ":4: unknown field group 'salary'"), "unknown group: %s", err);
	ok(policy_load(tmp("roles:\n  general:\n    self:\n      basic: write\n"),
	    &p, err, sizeof(err)) != 0 && strstr(err, ":4: level must be none, read or edit"), "bad level: %s", err);
	ok(policy_load(tmp("roles:\n  general:\n    self: read\n"),
	    &p, err, sizeof(err)) != 0 && strstr(err, ":3: a mapping is expected"), "value instead of mapping: %s", err);
	ok(policy_load(tmp("rules:\n  x: y\n"), &p, err, sizeof(err)) != 0 &&
	    strstr(err, ":1: unknown section 'rules'"), "unknown section: %s", err);
	ok(policy_load(tmp("show_viewers:\n  colleague: everyone\n"), &p, err, sizeof(err)) != 0 &&
	    strstr(err, ":2: must be hidden, role or name"), "bad show_viewers: %s", err);
	unlink(tmp(""));
	return done_testing();
}
