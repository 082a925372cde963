/* form.h: table-driven form validation (kcgi style): each input has a type,
 * limits and a Japanese label; errors name the field and the reason. */
#ifndef TMS_FORM_H
#define TMS_FORM_H
#include <stddef.h>
#include "app.h"

enum ftype { F_TEXT, F_LONGTEXT, F_KANA, F_DATE, F_ENUM, F_EMAIL, F_PHONE, F_INT, F_DECIMAL };

struct field {
	const char		*name;	/* form field, column and HDF key */
	const char		*label;
	enum fgroup		 group;
	enum ftype		 type;
	int			 required;
	int			 max;	/* characters (F_INT: maximum value) */
	const char *const	*vals;	/* F_ENUM choices */
};

size_t	u8len(const char *);
int	is_kana(const char *);
void	field_error(struct ctx *, int *, const char *, const char *, const char *);
int	validate(const struct field *, const char *, char *, size_t, const char **);

#endif
