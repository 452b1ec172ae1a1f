/*
 * pty.c - kt-pty, a test-only tool that runs a command with its standard
 * input and output on a pseudo-terminal, so that bats can test what a tool
 * does on a terminal (kafka-console-producer's ">" prompt).
 *
 * Usage:
 *   kt-pty CMD [ARGS...]
 * CMD's stdin and stdout are the pty (echo and output processing off, so
 * its stdout is exactly what CMD wrote); its stderr is kt-pty's. What
 * kt-pty reads on its own stdin is written to the pty as it arrives, so a
 * shell pipeline can pace the input; when kt-pty's stdin ends it sends the
 * end-of-file character (^D, twice after a partial line). Everything CMD
 * writes to the pty is copied to kt-pty's stdout.
 * Exit: CMD's status (128 + signal when it was killed), 2 on usage or
 * setup errors.
 */
/* posix_openpt, grantpt, unlockpt and ptsname are XSI */
#define _XOPEN_SOURCE 700

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static int setup_fail(const char *what)
{
	fprintf(stderr, "kt-pty: %s: %s\n", what, strerror(errno));
	return 2;
}

static void write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		p += w;
		n -= (size_t)w;
	}
}

int main(int argc, char **argv)
{
	struct termios t;
	const char *name;
	int master, slave, status, in_open = 1;
	char last = '\n', buf[4096];
	pid_t pid;

	if (argc < 2) {
		fputs("usage: kt-pty CMD [ARGS...]\n", stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0)
		return setup_fail("posix_openpt");
	name = ptsname(master);
	slave = name ? open(name, O_RDWR | O_NOCTTY) : -1;
	if (slave < 0)
		return setup_fail("open pty");
	/* before the child runs, so that nothing written early is echoed */
	if (tcgetattr(slave, &t) < 0)
		return setup_fail("tcgetattr");
	t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
	t.c_oflag &= ~(tcflag_t)OPOST;
	if (tcsetattr(slave, TCSANOW, &t) < 0)
		return setup_fail("tcsetattr");
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return setup_fail("fork");
	if (pid == 0) {
		setsid();
		close(master);
		if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0)
			_exit(2);
		if (slave > 1)
			close(slave);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "kt-pty: cannot run %s: %s\n", argv[1],
			strerror(errno));
		_exit(127);
	}
	close(slave);
	for (;;) {
		struct pollfd pf[2] = {{master, POLLIN, 0}, {0, POLLIN, 0}};
		ssize_t n;

		if (poll(pf, in_open ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pf[0].revents) {
			n = read(master, buf, sizeof(buf));
			if (n <= 0)
				break; /* EIO: the child closed the pty */
			write_all(1, buf, (size_t)n);
		}
		if (in_open && pf[1].revents) {
			n = read(0, buf, sizeof(buf));
			if (n > 0) {
				write_all(master, buf, (size_t)n);
				last = buf[n - 1];
			} else {
				char eof = (char)t.c_cc[VEOF];

				if (last != '\n')
					write_all(master, &eof, 1);
				write_all(master, &eof, 1);
				in_open = 0;
			}
		}
	}
	if (waitpid(pid, &status, 0) < 0)
		return setup_fail("waitpid");
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
