/* arena.h: a request-scoped bump allocator (as nginx's request pool). Many
 * allocations, one release: arena_free() wipes and frees everything at once,
 * so error paths need no frees of their own. Allocation aborts on failure,
 * like xmalloc. Not for anything that outlives the request. */
#ifndef TMS_ARENA_H
#define TMS_ARENA_H
#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk	*head;	/* the chunk being filled first */
	size_t			 bytes;	/* handed out so far (statistics, tests) */
};

/* A zeroed struct arena is an empty arena; arena_init makes one. */
void	 arena_init(struct arena *);
/* Zeroed memory aligned for any type; n == 0 gives a valid distinct pointer. */
void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t, size_t);
/* A copy of old (n bytes) in a new block of m bytes (n <= m). */
void	*arena_grow(struct arena *, const void *, size_t, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*arena_vprintf(struct arena *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Wipe (explicit_bzero: values may be passwords or opened sealed answers)
 * and free every chunk; the arena is empty and usable again afterwards. */
void	 arena_free(struct arena *);

#endif
