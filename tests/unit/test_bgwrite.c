/*
 * test_bgwrite.c - writes on the writer thread (base/bgwrite.h): a pipe
 * whose reader stalls calls idle until the reader drains it, and every
 * byte arrives in order; a regular file is written directly, without idle;
 * a pipe without a reader gives -EPIPE, not SIGPIPE. Run under
 * ThreadSanitizer by the test command.
 */
#include "unit.h"

#include "base/bgwrite.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

void test_bgwrite(void);

#define BIG (1u << 20)

struct reader {
	int fd;
	unsigned char *got;
	size_t len;
};

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* a reader that stalls 300 ms before it reads anything */
static void *slow_reader(void *arg)
{
	struct reader *rd = arg;
	ssize_t k;

	sleep_ms(300);
	while ((k = read(rd->fd, rd->got + rd->len, BIG + 16 - rd->len)) > 0)
		rd->len += (size_t)k;
	return NULL;
}

static void count_idle(void *arg, int done_fd)
{
	struct pollfd pfd = {.fd = done_fd, .events = POLLIN};

	++*(int *)arg;
	(void)poll(&pfd, 1, 50);
}

void test_bgwrite(void)
{
	unsigned char *data = malloc(BIG), back[64];
	struct reader rd = {.got = malloc(BIG + 16)};
	struct kt_bgwrite *w;
	pthread_t th;
	int fds[2], idle = 0, r;
	size_t i;
	FILE *f;

	if (!data || !rd.got || pipe(fds) < 0) {
		CHECK(0, "setup");
		return;
	}
	for (i = 0; i < BIG; i++)
		data[i] = (unsigned char)(i * 7 + i / 251);

	/* a stalled pipe: idle keeps being called, then all arrives */
	w = kt_bgwrite_new(fds[1], NULL);
	CHECK(w != NULL, "a writer for a pipe");
	rd.fd = fds[0];
	pthread_create(&th, NULL, slow_reader, &rd);
	r = kt_bgwrite_all(w, data, BIG, count_idle, &idle);
	CHECK_INT(r, 0, "1 MiB through a stalled pipe");
	CHECK(idle >= 3, "idle was called while the reader stalled (%d)", idle);
	r = kt_bgwrite_all(w, data, 10, count_idle, &idle);
	CHECK_INT(r, 0, "a second write on the same writer");
	kt_bgwrite_free(w);
	close(fds[1]);
	pthread_join(th, NULL);
	CHECK_INT(rd.len, BIG + 10, "every byte arrived");
	CHECK(memcmp(rd.got, data, BIG) == 0 &&
		      memcmp(rd.got + BIG, data, 10) == 0,
	      "in order");
	close(fds[0]);

	/* a regular file: direct, no idle */
	f = tmpfile();
	if (f) {
		idle = 0;
		w = kt_bgwrite_new(fileno(f), NULL);
		r = kt_bgwrite_all(w, data, 64, count_idle, &idle);
		CHECK_INT(r, 0, "a regular file is written");
		CHECK_INT(idle, 0, "without idle");
		kt_bgwrite_free(w);
		rewind(f);
		CHECK(fread(back, 1, 64, f) == 64 && !memcmp(back, data, 64),
		      "the file holds the bytes");
		fclose(f);
	}

	/* no reader: -EPIPE, and the process lives on */
	if (pipe(fds) == 0) {
		close(fds[0]);
		w = kt_bgwrite_new(fds[1], NULL);
		r = kt_bgwrite_all(w, data, 100, NULL, NULL);
		CHECK_INT(r, -EPIPE, "a pipe without a reader: -EPIPE");
		kt_bgwrite_free(w);
		close(fds[1]);
	}
	free(data);
	free(rd.got);
}
