/* Executes an undefined instruction: Linux kills it with SIGILL. */
int main(void)
{
	__asm__ volatile("ud2");
	return 0;
}
