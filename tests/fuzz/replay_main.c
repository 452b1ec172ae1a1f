/*
 * replay_main.c - a main for the fuzz entry points when there is no
 * libFuzzer (gcc builds): runs LLVMFuzzerTestOneInput over each file (or
 * each file of each directory) given, then, with -t SECONDS, over
 * pseudo-random mutations of those inputs until the time is up.
 *
 *   kt-fuzz-record [-t SECONDS] [-s SEED] [-m MAXLEN] FILE|DIR...
 *
 * Mutations: bit flips, random bytes, "interesting" 8/16/32-bit values
 * (0, -1, lengths around 0x7f/0xff/0x7fff, INT32_MIN/MAX) written big- and
 * little-endian, insertions, deletions, duplicated ranges, splices of two
 * inputs, truncations. When the process dies (sanitizer report, signal,
 * abort) the input being run is written to ./crash-<pid>; run the program
 * on that file to replay it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Set by sanitizer runtimes only (weak: NULL in plain builds). */
void __sanitizer_set_death_callback(void (*cb)(void)) __attribute__((weak));

struct input {
	uint8_t *p;
	size_t len;
};

static struct input *inputs;
static size_t n_inputs, cap_inputs;

/* The input being run, for the crash handlers. */
static const uint8_t *cur_p;
static size_t cur_len;
static char crash_path[64];

static void save_crash(void)
{
	int fd;

	fd = open(crash_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	if (cur_len && write(fd, cur_p, cur_len) < 0)
		(void)0;
	close(fd);
}

static void on_signal(int sig)
{
	save_crash();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void run(const uint8_t *p, size_t len)
{
	cur_p = p;
	cur_len = len;
	LLVMFuzzerTestOneInput(p, len);
	cur_p = NULL;
	cur_len = 0;
}

static void add_input(uint8_t *p, size_t len)
{
	if (n_inputs == cap_inputs) {
		cap_inputs = cap_inputs ? cap_inputs * 2 : 16;
		inputs = realloc(inputs, cap_inputs * sizeof(*inputs));
		if (!inputs) {
			perror("realloc");
			exit(2);
		}
	}
	inputs[n_inputs].p = p;
	inputs[n_inputs].len = len;
	n_inputs++;
}

static int load_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *p = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "cannot open '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			p = realloc(p, cap);
			if (!p) {
				perror("realloc");
				exit(2);
			}
		}
		got = fread(p + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	run(p, len);
	add_input(p, len);
	return 0;
}

static int load(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int rc = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "cannot read '%s': %s\n", path,
			strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(path);
	d = opendir(path);
	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL) {
		char sub[4096];

		if (de->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (load_file(sub))
			rc = -1;
	}
	closedir(d);
	return rc;
}

static uint64_t rng;

static uint64_t next(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

static size_t below(size_t n)
{
	return n ? (size_t)(next() % n) : 0;
}

static const int64_t interesting[] = {
	0,
	-1,
	1,
	0x7f,
	0x80,
	0xff,
	0x100,
	0x7fff,
	0x8000,
	0xffff,
	0x10000,
	0x7fffffff,
	-0x7fffffff - 1,
	13,
	14,
	17,
	48,
	49,
	61,
	-2,
};

/* One mutation of buf (len bytes, room for cap) in place; new length. */
static size_t mutate(uint8_t *buf, size_t len, size_t cap)
{
	size_t pos = below(len), n;
	int64_t v;

	switch (below(9)) {
	case 0: /* bit flip */
		if (len)
			buf[pos] ^= (uint8_t)(1u << below(8));
		break;
	case 1: /* random byte */
		if (len)
			buf[pos] = (uint8_t)next();
		break;
	case 2: /* interesting value, big endian, 1/2/4 bytes */
	case 3:
		v = interesting[below(sizeof(interesting) /
				      sizeof(interesting[0]))];
		n = (size_t)1 << below(3);
		if (len >= n) {
			size_t i;

			pos = below(len - n + 1);
			for (i = 0; i < n; i++)
				buf[pos + i] = (uint8_t)((uint64_t)v >>
							 (8 * (n - 1 - i)));
		}
		break;
	case 4: /* insert random bytes */
		n = 1 + below(16);
		if (len + n <= cap) {
			memmove(buf + pos + n, buf + pos, len - pos);
			while (n--) {
				buf[pos + n] = (uint8_t)next();
				len++;
			}
		}
		break;
	case 5: /* delete a range */
		n = 1 + below(16);
		if (pos + n <= len) {
			memmove(buf + pos, buf + pos + n, len - pos - n);
			len -= n;
		}
		break;
	case 6: /* duplicate a range */
		n = 1 + below(64);
		if (pos + n <= len && len + n <= cap) {
			memmove(buf + pos + n, buf + pos, len - pos);
			len += n;
		}
		break;
	case 7: /* splice with another input */
		if (n_inputs) {
			const struct input *o = &inputs[below(n_inputs)];
			size_t from = below(o->len);

			n = o->len - from;
			if (pos + n > cap)
				n = cap - pos;
			memcpy(buf + pos, o->p + from, n);
			if (pos + n > len)
				len = pos + n;
		}
		break;
	default: /* truncate */
		len = below(len + 1);
		break;
	}
	return len;
}

static void usage(void)
{
	fprintf(stderr, "usage: kt-fuzz-* [-t SECONDS] [-s SEED] [-m MAXLEN] "
			"FILE|DIR...\n");
	exit(2);
}

static long number(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	long seconds = 0, maxlen = 1 << 16;
	uint64_t seed = (uint64_t)time(NULL) ^ (uint64_t)getpid() << 32;
	unsigned long long runs = 0;
	int i, rc = 0;
	uint8_t *buf;
	time_t end;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-t") == 0)
			seconds = number(argv[++i]);
		else if (strcmp(argv[i], "-s") == 0)
			seed = (uint64_t)number(argv[++i]);
		else if (strcmp(argv[i], "-m") == 0)
			maxlen = number(argv[++i]);
		else
			usage();
	}
	snprintf(crash_path, sizeof(crash_path), "crash-%ld", (long)getpid());
	if (__sanitizer_set_death_callback)
		__sanitizer_set_death_callback(save_crash);
	signal(SIGSEGV, on_signal);
	signal(SIGABRT, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	for (; i < argc; i++)
		if (load(argv[i]))
			rc = 1;
	printf("replayed %zu inputs\n", n_inputs);
	if (seconds == 0 || maxlen == 0)
		return rc;

	rng = seed ? seed : 1;
	buf = malloc((size_t)maxlen);
	if (!buf)
		return 2;
	end = time(NULL) + seconds;
	do {
		int k;

		for (k = 0; k < 256; k++) {
			size_t len = 0, steps = 1 + below(8);

			if (n_inputs) {
				const struct input *in =
					&inputs[below(n_inputs)];

				len = in->len < (size_t)maxlen ? in->len
							       : (size_t)maxlen;
				memcpy(buf, in->p, len);
			}
			while (steps--)
				len = mutate(buf, len, (size_t)maxlen);
			run(buf, len);
			runs++;
		}
	} while (time(NULL) < end);
	printf("ran %llu mutated inputs in %ld s (seed %llu)\n", runs, seconds,
	       (unsigned long long)seed);
	free(buf);
	return rc;
}
