/* arena.c: chunked bump allocator. Small blocks are cut from 16 KB chunks;
 * a block over a quarter chunk gets a chunk of its own (linked behind the
 * head, so the head keeps filling). Under AddressSanitizer every block is its
 * own malloc'd chunk of the exact size, so overflows and uses after
 * arena_free() are reported as for malloc. */
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "buf.h"

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_EXACT	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_EXACT	1
#endif
#endif
#ifndef ARENA_EXACT
#define ARENA_EXACT	0
#endif

#define CHUNK	16384
#define ALIGN	alignof(max_align_t)

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;	/* bytes of data[] */
	size_t			 used;
	alignas(max_align_t) unsigned char data[];
};

static struct arena_chunk *
chunk_new(size_t size)
{
	struct arena_chunk *ch;

	if (size > SIZE_MAX - sizeof(*ch))
		abort();
	ch = xmalloc(sizeof(*ch) + size);
	ch->next = NULL;
	ch->size = size;
	ch->used = 0;
	return ch;
}

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->bytes = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk *ch = a->head;
	size_t need = n ? n : 1, off;
	void *p;

	if (!ARENA_EXACT && ch != NULL && (off = (ch->used + ALIGN - 1) & ~(ALIGN - 1)) <= ch->size &&
	    ch->size - off >= need) {
		ch->used = off + need;
		p = ch->data + off;
	} else if (ARENA_EXACT || need > CHUNK / 4) {
		ch = chunk_new(need);
		ch->used = need;
		if (a->head == NULL)
			a->head = ch;
		else {
			ch->next = a->head->next;
			a->head->next = ch;
		}
		p = ch->data;
	} else {
		ch = chunk_new(CHUNK);
		ch->next = a->head;
		a->head = ch;
		ch->used = need;
		p = ch->data;
	}
	a->bytes += need;
	memset(p, 0, need);
	return p;
}

void *
arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		abort();
	return arena_alloc(a, n * size);
}

void *
arena_grow(struct arena *a, const void *old, size_t n, size_t m)
{
	void *p = arena_alloc(a, m);

	if (n)
		memcpy(p, old, n < m ? n : m);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX)
		abort();
	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	char *p;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk *ch = a->head, *next;

	for (; ch != NULL; ch = next) {
		next = ch->next;
		explicit_bzero(ch->data, ch->used);
		free(ch);
	}
	arena_init(a);
}
