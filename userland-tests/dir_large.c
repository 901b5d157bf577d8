/*
 * A directory of thousands of entries: names of many lengths created,
 * removed from the middle, created again into the holes, renamed and
 * replaced; afterwards every name that should be there is found (and no
 * other), readdir lists each exactly once, O_EXCL and a second unlink
 * give EEXIST and ENOENT, and the emptied directory can be removed.
 *
 * Runs in the current directory; scripts/test-ext2 also runs it on ext2
 * volumes. With the argument "keep" it leaves dir_large.d behind, its
 * names fixed, for the caller to list through debugfs.
 */
#include <dirent.h>
#include <stdbool.h>

#include "guest.h"

#define D "dir_large.d"
#define N 2400		/* first names */
#define M 700		/* second names, longer */
#define ALL (N + M)

static bool present[ALL];
static bool renamed[ALL];	/* present under its "r" name */

/* Name i: lengths from 2 to 14 for the first names, 30 to 200 for the rest. */
static void name_of(int i, bool r, char *buf, size_t len)
{
	char pad[256];
	int w = i < N ? i % 13 : 24 + (i * 7) % 170;

	memset(pad, 'x', (size_t)w);
	pad[w] = '\0';
	snprintf(buf, len, "%s%s%s%d", D "/", r ? "r" : "", pad, i);
}

static void create(int i)
{
	char p[300];
	int fd;

	name_of(i, false, p, sizeof(p));
	fd = open(p, O_WRONLY | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	present[i] = true;
}

static void remove_one(int i)
{
	char p[300];

	name_of(i, renamed[i], p, sizeof(p));
	CHECK_OK(unlink(p));
	CHECK_ERR(unlink(p), ENOENT);
	present[i] = renamed[i] = false;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every name is where it should be; readdir lists exactly those, once each. */
static void verify(const char *when)
{
	static char *want[ALL], *got[ALL + 1];
	int nwant = 0, ngot = 0, bad = 0;
	struct stat st;
	char p[300];
	DIR *dir;
	struct dirent *e;

	for (int i = 0; i < ALL; i++) {
		int r;

		name_of(i, renamed[i], p, sizeof(p));
		r = stat(p, &st);
		if (present[i] ? r != 0 || !S_ISREG(st.st_mode) : r != -1 || errno != ENOENT)
			bad++;
		if (present[i])
			want[nwant++] = strdup(p + strlen(D "/"));
		name_of(i, !renamed[i], p, sizeof(p));	/* the other name is absent */
		if (stat(p, &st) != -1 || errno != ENOENT)
			bad++;
	}
	CHECK_EQ(bad, 0);
	dir = opendir(D);
	CHECK(dir != NULL);
	while (dir && (e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (ngot == ALL) {
			ngot++;
			break;
		}
		got[ngot++] = strdup(e->d_name);
	}
	if (dir)
		closedir(dir);
	CHECK_EQ(ngot, nwant);
	if (ngot == nwant) {
		qsort(want, (size_t)nwant, sizeof(*want), cmp_str);
		qsort(got, (size_t)ngot, sizeof(*got), cmp_str);
		bad = 0;
		for (int i = 0; i < nwant; i++)
			bad += strcmp(want[i], got[i]) != 0;
		if (bad)
			printf("%s: %d names differ\n", when, bad);
		CHECK_EQ(bad, 0);
	}
	for (int i = 0; i < nwant; i++)
		free(want[i]);
	for (int i = 0; i < ngot && i < ALL; i++)
		free(got[i]);
}

int main(int argc, char **argv)
{
	bool keep = argc > 1 && strcmp(argv[1], "keep") == 0;
	char p[300], q[300];

	/* a run killed half way may have left it */
	if (access(D, F_OK) == 0) {
		for (int i = 0; i < ALL; i++) {
			name_of(i, false, p, sizeof(p));
			unlink(p);
			name_of(i, true, p, sizeof(p));
			unlink(p);
		}
		rmdir(D);
	}
	CHECK_OK(mkdir(D, 0755));

	for (int i = 0; i < N; i++)
		create(i);
	verify("created");
	name_of(N / 2, false, p, sizeof(p));
	CHECK_ERR(open(p, O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);

	/* holes all through the directory, then longer names into them */
	for (int i = 0; i < N; i += 3)
		remove_one(i);
	for (int i = N; i < ALL; i++)
		create(i);
	verify("refilled");

	/* renames within the directory change a name's length */
	for (int i = 1; i < N; i += 9) {
		name_of(i, false, p, sizeof(p));
		name_of(i, true, q, sizeof(q));
		CHECK_OK(rename(p, q));
		renamed[i] = true;
	}
	/* and a rename over an existing name replaces it */
	for (int i = 4; i < 200; i += 30) {	/* i present, i + 1 too */
		name_of(i + 1, renamed[i + 1], p, sizeof(p));
		name_of(i, renamed[i], q, sizeof(q));
		CHECK_OK(rename(p, q));
		present[i + 1] = renamed[i + 1] = false;
	}
	verify("renamed");

	if (keep)
		return report();
	for (int i = 0; i < ALL; i++)
		if (present[i])
			remove_one(i);
	verify("emptied");
	CHECK_OK(rmdir(D));
	return report();
}
