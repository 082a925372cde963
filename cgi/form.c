/* form.c: validation of form inputs against a field table; error messages
 * go into Page.Errors (summary) and Page.FieldErr.<name> (next to the field). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "form.h"
#include "mailq.h"
#include "jdate.h"
#include "view.h"

size_t
u8len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* Hiragana, katakana (full and half width), long vowel, middle dot, spaces. */
int
is_kana(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		unsigned cp;
		if (*p == ' ') {
			p++;
			continue;
		}
		if ((*p & 0xf0) != 0xe0 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		cp = ((unsigned)(*p & 0x0f) << 12) | ((unsigned)(p[1] & 0x3f) << 6) | (p[2] & 0x3f);
		if (!((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fc) ||
		    (cp >= 0xff66 && cp <= 0xff9f) || cp == 0x3000))
			return 0;
		p += 3;
	}
	return 1;
}

void
field_error(struct ctx *c, int *nerr, const char *name, const char *label, const char *msg)
{
	char key[96];

	snprintf(key, sizeof(key), "Page.Errors.%d.Field", *nerr);
	view_set(c->hdf, key, name);
	snprintf(key, sizeof(key), "Page.Errors.%d.Message", *nerr);
	view_setf(c->hdf, key, "%s: %s", label, msg);
	snprintf(key, sizeof(key), "Page.FieldErr.%s", name);
	view_set(c->hdf, key, msg);
	(*nerr)++;
}

/* Validate one value; on success *out is the value to store ("" = NULL). */
int
validate(const struct field *f, const char *v, char *out, size_t outlen, const char **why)
{
	int y, m, d;
	size_t i;

	while (*v == ' ')
		v++;
	if (*v == '\0') {
		out[0] = '\0';
		*why = "入力してください";
		return f->required ? -1 : 0;
	}
	if (f->max && f->type != F_INT && f->type != F_DECIMAL && u8len(v) > (size_t)f->max) {
		*why = f->max > 100 ? "長すぎます" : "文字数が多すぎます";
		return -1;
	}
	if (f->type != F_LONGTEXT && strpbrk(v, "\r\n\t")) {
		*why = "改行やタブは使えません";
		return -1;
	}
	switch (f->type) {
	case F_KANA:
		if (!is_kana(v)) {
			*why = "ひらがな・カタカナで入力してください";
			return -1;
		}
		break;
	case F_DATE:
		if (jdate_parse(v, &y, &m, &d, why) != 0)
			return -1;
		snprintf(out, outlen, "%04d-%02d-%02d", y, m, d);
		return 0;
	case F_ENUM:
		for (i = 0; f->vals[i]; i++)
			if (strcmp(f->vals[i], v) == 0)
				break;
		if (f->vals[i] == NULL) {
			*why = "選択肢から選んでください";
			return -1;
		}
		break;
	case F_EMAIL:	/* the rule the mail sender applies too */
		if ((*why = mail_addr_invalid(v)) != NULL)
			return -1;
		break;
	case F_INT: {
		char *end;
		long n = strtol(v, &end, 10);
		if (*end != '\0' || strspn(v, "0123456789") != strlen(v) || n > f->max) {
			*why = "数字（整数）で入力してください";
			return -1;
		}
		break;
	}
	case F_DECIMAL: {
		char *end;
		double x = strtod(v, &end);
		const char *dot = strchr(v, '.');
		if (*end != '\0' || strspn(v, "0123456789.") != strlen(v) || x < 0 ||
		    x > f->max || (dot && strlen(dot + 1) > 1)) {
			*why = "0以上の数（小数点以下1桁まで）で入力してください";
			return -1;
		}
		break;
	}
	case F_PHONE:
		if (strspn(v, "0123456789-") != strlen(v)) {
			*why = "数字とハイフンで入力してください";
			return -1;
		}
		break;
	default:
		break;
	}
	snprintf(out, outlen, "%s", v);
	return 0;
}

