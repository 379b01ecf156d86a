/*
 * Runs the official Mustache spec against `planpress mustache`.
 *
 * usage: mustache_spec PLANPRESS SPECDIR
 * Every test of every *.json file in SPECDIR except ~lambdas is written to a
 * temporary directory (template, data and partials) and rendered by the
 * binary; its standard output must equal the expected bytes exactly.
 * Prints one line per failure and a closing "N passed, N failed" line.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(s, 1, n, f) != n || fclose(f) != 0) {
		fprintf(stderr, "cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

/* Runs argv, returns its stdout (malloc'd) and exit status. */
static char *run(char *const argv[], size_t *len, int *status)
{
	int fd[2];
	if (pipe(fd) != 0)
		exit(2);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	size_t cap = 4096, n = 0;
	char *out = malloc(cap);
	for (;;) {
		if (n == cap)
			out = realloc(out, cap *= 2);
		ssize_t r = read(fd[0], out + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd[0]);
	waitpid(pid, status, 0);
	*len = n;
	return out;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mustache_spec PLANPRESS SPECDIR\n");
		return 2;
	}
	char bin[4096];
	if (!realpath(argv[1], bin)) {
		fprintf(stderr, "mustache_spec: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	DIR *d = opendir(argv[2]);
	if (!d) {
		printf("mustache spec: SKIPPED, no spec at %s (set MUSTACHE_SPEC)\n", argv[2]);
		printf("0 passed, 0 failed, 1 skipped\n");
		return 0;
	}
	char *files[64];
	int nf = 0;
	struct dirent *e;
	while ((e = readdir(d)) && nf < 64) {
		size_t l = strlen(e->d_name);
		if (l > 5 && !strcmp(e->d_name + l - 5, ".json") &&
		    strcmp(e->d_name, "~lambdas.json"))
			files[nf++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(files, (size_t)nf, sizeof *files, cmp_names);

	char tmpl[] = "/tmp/planpress-spec-XXXXXX";
	char *tmp = mkdtemp(tmpl);
	if (!tmp)
		return 2;
	int passed = 0, failed = 0;
	for (int f = 0; f < nf; f++) {
		char path[8192];
		snprintf(path, sizeof path, "%s/%s", argv[2], files[f]);
		json_object *spec = json_object_from_file(path);
		json_object *tests;
		if (!spec || !json_object_object_get_ex(spec, "tests", &tests)) {
			fprintf(stderr, "%s: cannot read the spec file\n", path);
			return 2;
		}
		for (size_t i = 0; i < json_object_array_length(tests); i++) {
			json_object *t = json_object_array_get_idx(tests, i), *v;
			char cmd[8192];
			snprintf(cmd, sizeof cmd, "rm -rf %s/*", tmp);
			if (system(cmd) != 0)
				return 2;
			char tpl[4200], data[4200], pdir[4200];
			snprintf(tpl, sizeof tpl, "%s/template.mustache", tmp);
			snprintf(data, sizeof data, "%s/data.json", tmp);
			snprintf(pdir, sizeof pdir, "%s/partials", tmp);
			mkdir(pdir, 0700);
			json_object_object_get_ex(t, "template", &v);
			write_file(tpl, json_object_get_string(v), (size_t)json_object_get_string_len(v));
			json_object_object_get_ex(t, "data", &v);
			const char *js = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
			write_file(data, js, strlen(js));
			if (json_object_object_get_ex(t, "partials", &v)) {
				json_object_object_foreach(v, name, body) {
					char pp[8400];
					snprintf(pp, sizeof pp, "%s/%s.mustache", pdir, name);
					write_file(pp, json_object_get_string(body),
						   (size_t)json_object_get_string_len(body));
				}
			}
			char *args[] = {bin, "mustache", tpl, data, "--partials", pdir, NULL};
			size_t len;
			int status;
			char *out = run(args, &len, &status);
			json_object_object_get_ex(t, "expected", &v);
			const char *want = json_object_get_string(v);
			size_t wlen = (size_t)json_object_get_string_len(v);
			json_object *name;
			json_object_object_get_ex(t, "name", &name);
			if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && len == wlen &&
			    memcmp(out, want, len) == 0) {
				passed++;
			} else {
				failed++;
				printf("FAIL %s: %s\n  expected: %s\n  got:      ", files[f],
				       json_object_get_string(name),
				       json_object_to_json_string(v));
				json_object *got = json_object_new_string_len(out, (int)len);
				printf("%s (exit %d)\n", json_object_to_json_string(got),
				       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
				json_object_put(got);
			}
			free(out);
		}
		json_object_put(spec);
		free(files[f]);
	}
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "rm -rf %s", tmp);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmp);
	printf("mustache spec: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
