/* stmts.h: every SQL statement of the application, by enum. */
#ifndef TMS_STMTS_H
#define TMS_STMTS_H
#include "db.h"

enum stmt {
	STMT_PING,
	STMT_SESSION_TOUCH,
	STMT_SESSION_CREATE,
	STMT_SESSION_DELETE,
	STMT_SESSION_PURGE,
	STMT_ACCOUNT_BY_LOGIN,
	STMT_LOGIN_FAILURES,
	STMT_LOGIN_FAILURE_ADD,
	STMT_LOGIN_FAILURE_CLEAR,
	STMT_ACCOUNT_LIST,
	STMT_ACCOUNT_UPSERT,
	STMT__MAX
};

extern const struct db_stmt stmts[STMT__MAX];

#endif
