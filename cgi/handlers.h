/* handlers.h: every page handler, one file per area (h_<area>.c). */
#ifndef TMS_HANDLERS_H
#define TMS_HANDLERS_H
#include "app.h"

int	h_login_form(struct ctx *);	/* h_login.c */
int	h_login(struct ctx *);
int	h_logout(struct ctx *);
int	h_home(struct ctx *);		/* h_home.c */
int	h_admin_accounts(struct ctx *);	/* h_admin.c */
int	h_acct_issue_form(struct ctx *);	/* h_accounts.c */
int	h_acct_issue(struct ctx *);
int	h_acct_notices(struct ctx *);
int	h_acct_notices_csv(struct ctx *);
int	h_acct_password_form(struct ctx *);
int	h_acct_password(struct ctx *);
int	h_admin_account(struct ctx *);
int	h_admin_account_role(struct ctx *);
int	h_admin_account_disable(struct ctx *);
int	h_admin_account_enable(struct ctx *);
int	h_admin_account_sessions(struct ctx *);
int	h_admin_account_reset(struct ctx *);
int	h_account(struct ctx *);		/* h_account.c */
int	h_account_password(struct ctx *);
int	h_account_session_end(struct ctx *);
int	h_account_sessions_end(struct ctx *);
void	ua_label(const char *, char *, size_t);
int	h_throttle(struct ctx *);	/* h_throttle.c */
int	h_throttle_clear(struct ctx *);
int	h_health(struct ctx *);		/* h_health.c */
int	h_noop(struct ctx *);
int	h_metrics(struct ctx *);	/* h_metrics.c: Prometheus text */
int	h_announce(struct ctx *);	/* h_announce.c: お知らせ */
int	h_announce_add(struct ctx *);
int	h_announce_delete(struct ctx *);
void	announce_fill(struct ctx *);	/* page part: home's announcements */
/* dispatch.c, for /metrics: the route table's patterns, and the index of
 * the route of the request being served (-1: none matched) */
size_t	dispatch_route_count(void);
const char *dispatch_route_pattern(size_t, const char **);
int	dispatch_route_last(void);
int	h_test_forbidden(struct ctx *);	/* h_test.c: --enable-test-hooks only */
int	h_staff_list(struct ctx *);	/* h_staff.c */
int	h_staff_show(struct ctx *);
int	h_api_staff_list(struct ctx *);	/* h_api.c */
int	h_api_staff_show(struct ctx *);
int	h_org(struct ctx *);		/* h_org.c */
int	h_staff_edit_form(struct ctx *);	/* h_staff_edit.c */
int	h_staff_edit(struct ctx *);
int	h_staff_appoint(struct ctx *);
int	h_appt_form(struct ctx *);	/* h_appointments.c */
int	h_orgadm_index(struct ctx *);	/* h_orgadmin.c */
int	h_orgadm_create(struct ctx *);
int	h_orgadm_unit(struct ctx *);
int	h_orgadm_change(struct ctx *);
int	h_orgadm_abolish(struct ctx *);
int	h_orgadm_merge(struct ctx *);
int	h_appt_update(struct ctx *);
int	h_appt_cancel(struct ctx *);
void	appt_list(struct ctx *, const char *);
int	h_staff_skill(struct ctx *);
int	h_staff_edit_form_status(struct ctx *, int);
int	h_record_save(struct ctx *);	/* h_records.c */
int	h_record_delete(struct ctx *);
int	h_staff_retire(struct ctx *);
int	h_staff_new_form(struct ctx *);	/* h_staff_new.c */
int	h_staff_new(struct ctx *);
int	h_audit(struct ctx *);		/* h_audit.c */
int	h_audit_csv(struct ctx *);	/* h_audit.c */
int	h_photo(struct ctx *);		/* h_photo.c */
int	h_photo_upload(struct ctx *);
int	h_analytics(struct ctx *);	/* h_analytics.c */
int	ana_menu_shown(struct ctx *);	/* h_analytics.c: the menu entry 分析 */
int	h_analytics_sub(struct ctx *);
int	h_analytics_csv(struct ctx *);
int	ana_page_known(const char *);	/* route types: /analytics/:page, :chart.csv */
int	ana_csv_known(const char *);
int	h_import_form(struct ctx *);	/* h_import.c */
int	h_import_upload(struct ctx *);
int	h_import_commit(struct ctx *);
int	h_export(struct ctx *);
int	h_wishes(struct ctx *);		/* h_wishes.c */
int	h_wish_form(struct ctx *);
int	h_wish_save(struct ctx *);
int	h_wish_team(struct ctx *);
int	h_wish_staff(struct ctx *);
int	h_wish_comment(struct ctx *);
int	h_wish_export(struct ctx *);
int	h_wish_admin(struct ctx *);
int	h_wish_admin_add(struct ctx *);
int	h_wish_admin_round(struct ctx *);
int	h_wish_admin_close(struct ctx *);
int	h_wish_admin_remind(struct ctx *);
int	h_wish_summary(struct ctx *);
int	h_masters(struct ctx *);	/* h_masters.c */
int	h_master_list(struct ctx *);
int	h_master_create(struct ctx *);
int	h_master_edit(struct ctx *);
int	h_master_update(struct ctx *);
int	h_master_delete(struct ctx *);
int	master_known(const char *);	/* route type :master */
int	h_duties(struct ctx *);		/* h_duties.c */
int	h_api_duties(struct ctx *);
int	h_duty_show(struct ctx *);
int	h_api_duty(struct ctx *);
int	h_duty_new_form(struct ctx *);
int	h_duty_new(struct ctx *);
int	h_duty_edit_form(struct ctx *);
int	h_duty_edit(struct ctx *);
int	h_duty_assign(struct ctx *);
int	h_duty_assign_end(struct ctx *);
int	h_task_new(struct ctx *);
int	h_task_progress(struct ctx *);
int	h_tasks_mine(struct ctx *);	/* h_duties_views.c */
int	h_duty_timeline(struct ctx *);
int	h_duty_workload(struct ctx *);
int	h_duty_risks(struct ctx *);
int	h_duty_export(struct ctx *);
int	h_login_totp_form(struct ctx *);	/* h_totp.c */
int	h_login_totp(struct ctx *);
int	h_totp_page(struct ctx *);
int	h_totp_confirm(struct ctx *);
int	h_totp_disable(struct ctx *);
int	h_verify_form(struct ctx *);
int	h_verify(struct ctx *);
int	h_admin_totp_reset(struct ctx *);

#endif
