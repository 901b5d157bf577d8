/*
 * Packet mode (pipe2 O_DIRECT, pipe(2)): each write is a packet, a read
 * returns at most one packet, the unread rest of a packet is discarded,
 * and writes larger than a page are split into page-sized packets.
 */
#include "guest.h"

int main(void)
{
	static char big[6000], back[8192];
	char buf[64];
	int p[2];

	memset(big, 'b', sizeof(big));
	MUST(pipe2(p, O_DIRECT | O_NONBLOCK));

	CHECK_EQ(write(p[1], "abc", 3), 3);
	CHECK_EQ(write(p[1], "defgh", 5), 5);
	CHECK_EQ(write(p[1], "ij", 2), 2);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 3);
	CHECK_STR(buf, "abc");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, 2), 2);
	CHECK_STR(buf, "de");
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 2);
	CHECK_STR(buf, "ij");
	CHECK_ERR(read(p[0], buf, sizeof(buf)), EAGAIN);

	/* 6000 bytes: a 4096-byte packet and a 1904-byte one. */
	CHECK_EQ(write(p[1], big, sizeof(big)), 6000);
	CHECK_EQ(read(p[0], back, sizeof(back)), 4096);
	CHECK_EQ(read(p[0], back, sizeof(back)), 1904);

	/* Every packet takes a page: 16 one-byte packets fill the pipe. */
	for (int i = 0; i < 16; i++)
		CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);

	/* Without O_DIRECT the same pipe streams again. */
	CHECK_EQ(fcntl(p[1], F_SETFL, O_NONBLOCK), 0);
	for (int i = 0; i < 16; i++)
		CHECK_EQ(read(p[0], buf, sizeof(buf)), 1);
	CHECK_EQ(write(p[1], "ab", 2), 2);
	CHECK_EQ(write(p[1], "cd", 2), 2);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 4);
	CHECK_STR(buf, "abcd");
	close(p[0]);
	close(p[1]);
	return report();
}
