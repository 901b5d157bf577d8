/* Jumps to an address where nothing is mapped: Linux kills it with SIGSEGV. */
int main(void)
{
	void (*f)(void) = (void (*)(void))0x1234;

	f();
	return 0;
}
