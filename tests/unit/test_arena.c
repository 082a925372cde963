/* test_arena.c: the request arena: alignment, zeroing, big blocks, strings,
 * growth, and release at once (the ASan build checks each block's bounds
 * and that nothing is left behind). */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"
#include "tap.h"

int
main(void)
{
	struct arena a;
	char *s, *t, *big, *p[1000];
	int i, okall;

	arena_init(&a);
	ok(a.head == NULL && a.bytes == 0, "a new arena is empty");
	arena_free(&a);
	ok(a.head == NULL, "freeing an empty arena is harmless");

	s = arena_alloc(&a, 3);
	t = arena_alloc(&a, 5);
	ok(s != NULL && t != NULL && s != t, "two blocks are distinct");
	ok((uintptr_t)s % alignof(max_align_t) == 0 && (uintptr_t)t % alignof(max_align_t) == 0,
	    "blocks are aligned for any type");
	ok(s[0] == 0 && s[2] == 0 && t[4] == 0, "blocks are zeroed");
	ok(arena_alloc(&a, 0) != NULL, "a zero-size block is a pointer");
	ok(a.bytes == 3 + 5 + 1, "bytes counts what was handed out (%zu)", a.bytes);

	okall = 1;
	for (i = 0; i < 1000; i++) {
		p[i] = arena_printf(&a, "value %d", i);
		memset(arena_alloc(&a, 100), 0x5a, 100);	/* fill many chunks */
	}
	for (i = 0; i < 1000; i++) {
		char want[32];
		snprintf(want, sizeof(want), "value %d", i);
		if (strcmp(p[i], want) != 0)
			okall = 0;
	}
	ok(okall, "blocks stay put while more chunks are added");

	big = arena_alloc(&a, 1 << 20);
	memset(big, 'x', 1 << 20);
	s = arena_strdup(&a, "after the big one");
	ok(big[0] == 'x' && big[(1 << 20) - 1] == 'x' && strcmp(s, "after the big one") == 0,
	    "a block larger than a chunk is whole, and small ones go on after it");

	s = arena_strndup(&a, "abcdef", 3);
	ok(strcmp(s, "abc") == 0, "strndup cuts and terminates");
	s = arena_strdup(&a, "");
	ok(s[0] == '\0', "strdup of the empty string");
	s = arena_printf(&a, "%s-%05d-%c", "日本", 42, 'z');
	ok(strcmp(s, "日本-00042-z") == 0, "printf formats: %s", s);
	{
		char longer[50000];
		memset(longer, 'y', sizeof(longer) - 1);
		longer[sizeof(longer) - 1] = '\0';
		s = arena_printf(&a, "<%s>", longer);
		ok(strlen(s) == sizeof(longer) + 1 && s[0] == '<' && s[sizeof(longer)] == '>',
		    "printf of a long string");
	}

	{
		int *v = arena_calloc(&a, 4, sizeof(int)), *w;
		v[0] = 1, v[3] = 4;
		w = arena_grow(&a, v, 4 * sizeof(int), 8 * sizeof(int));
		ok(w != v && w[0] == 1 && w[3] == 4 && w[4] == 0 && w[7] == 0,
		    "grow copies the old block and zeroes the rest");
	}

	arena_free(&a);
	ok(a.head == NULL && a.bytes == 0, "freed at once, empty again");
	s = arena_strdup(&a, "reused");
	ok(strcmp(s, "reused") == 0, "a freed arena is usable again");
	arena_free(&a);
	return done_testing();
}
