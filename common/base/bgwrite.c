/*
 * base/bgwrite.c - blocking writes on a thread of their own (bgwrite.h).
 *
 * One job at a time: kt_bgwrite_all posts (p, n) under the mutex, the
 * thread writes it with the signals blocked (they are the main thread's)
 * and, when done, stores the result and writes one byte to a pipe, which
 * the caller's idle function can poll() together with its own descriptors.
 */
#include "base/bgwrite.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* how long a write may take before idle is called: a normal write to a
 * pipe that is being read ends well within this */
#define QUICK_MS 20

struct kt_bgwrite {
	int fd;
	bool threaded;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int done_pipe[2];
	/* the job, under mu */
	const unsigned char *p;
	size_t n;
	bool posted, finished, quit;
	int result;
};

static int write_full(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -errno;
		if (k == 0)
			return -EIO;
		p += k;
		n -= (size_t)k;
	}
	return 0;
}

static void *writer_main(void *arg)
{
	struct kt_bgwrite *w = arg;
	const unsigned char one = 1;

	pthread_mutex_lock(&w->mu);
	for (;;) {
		const unsigned char *p;
		size_t n;
		int r;

		while (!w->posted && !w->quit)
			pthread_cond_wait(&w->cv, &w->mu);
		if (w->quit)
			break;
		p = w->p;
		n = w->n;
		w->posted = false;
		pthread_mutex_unlock(&w->mu);
		r = write_full(w->fd, p, n);
		pthread_mutex_lock(&w->mu);
		w->result = r;
		w->finished = true;
		/* the pipe is non-blocking and holds at most one byte */
		while (write(w->done_pipe[1], &one, 1) < 0 && errno == EINTR)
			;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* a pipe, both ends non-blocking and close-on-exec (pipe2 is not POSIX) */
static int make_pipe(int fds[2])
{
	int i;

	if (pipe(fds) < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if (fcntl(fds[i], F_SETFD, FD_CLOEXEC) < 0 ||
		    fcntl(fds[i], F_SETFL,
			  fcntl(fds[i], F_GETFL) | O_NONBLOCK) < 0) {
			int e = errno;

			close(fds[0]);
			close(fds[1]);
			errno = e;
			return -1;
		}
	}
	return 0;
}

struct kt_bgwrite *kt_bgwrite_new(int fd, struct kt_err *err)
{
	struct kt_bgwrite *w = calloc(1, sizeof(*w));
	struct stat st;
	sigset_t all, old;
	int r;

	if (!w) {
		kt_err_set(err, KT_ENOMEM, "out of memory");
		return NULL;
	}
	w->fd = fd;
	w->done_pipe[0] = w->done_pipe[1] = -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		return w;
	if (make_pipe(w->done_pipe) < 0) {
		kt_err_set(err, KT_EIO, "cannot make the writer's pipe: %s",
			   strerror(errno));
		free(w);
		return NULL;
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	/* the thread starts with every signal blocked: they stay the main
	 * thread's, and EPIPE comes back as an error, not as SIGPIPE */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	r = pthread_create(&w->thread, NULL, writer_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (r) {
		kt_err_set(err, KT_EIO, "cannot start the writer thread: %s",
			   strerror(r));
		close(w->done_pipe[0]);
		close(w->done_pipe[1]);
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		free(w);
		return NULL;
	}
	w->threaded = true;
	return w;
}

static bool finished(struct kt_bgwrite *w, int *result)
{
	bool f;

	pthread_mutex_lock(&w->mu);
	f = w->finished;
	if (f)
		*result = w->result;
	pthread_mutex_unlock(&w->mu);
	return f;
}

int kt_bgwrite_all(struct kt_bgwrite *w, const void *p, size_t n,
		   kt_bgwrite_idle_fn idle, void *arg)
{
	struct pollfd pfd;
	unsigned char drain[16];
	int result = 0;

	if (!n)
		return 0;
	if (!w->threaded)
		return write_full(w->fd, p, n);
	pthread_mutex_lock(&w->mu);
	w->p = p;
	w->n = n;
	w->posted = true;
	w->finished = false;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pfd.fd = w->done_pipe[0];
	pfd.events = POLLIN;
	/* the usual case: done at once; else keep the caller going */
	if (poll(&pfd, 1, QUICK_MS) <= 0 || !finished(w, &result)) {
		while (!finished(w, &result)) {
			if (idle)
				idle(arg, w->done_pipe[0]);
			else
				(void)poll(&pfd, 1, 1000);
		}
	}
	while (read(w->done_pipe[0], drain, sizeof(drain)) > 0)
		;
	return result;
}

void kt_bgwrite_free(struct kt_bgwrite *w)
{
	if (!w)
		return;
	if (w->threaded) {
		pthread_mutex_lock(&w->mu);
		w->quit = true;
		pthread_cond_signal(&w->cv);
		pthread_mutex_unlock(&w->mu);
		pthread_join(w->thread, NULL);
		close(w->done_pipe[0]);
		close(w->done_pipe[1]);
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
	}
	free(w);
}
