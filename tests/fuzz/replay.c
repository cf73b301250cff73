/* replay.c: a main() for the fuzz harnesses without libFuzzer: it feeds
 * every file named on the command line to LLVMFuzzerTestOneInput once, so
 * `make test` replays the corpus and past crashes under gcc's ASan/UBSan
 * build (no clang build needed); `make check-full` fuzzes with libFuzzer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0;

	if (f == NULL) {
		perror(path);
		return -1;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			uint8_t *p = realloc(buf, cap = cap ? cap * 2 : 4096);

			if (p == NULL)
				abort();
			buf = p;
		}
		got = fread(buf + n, 1, cap - n, f);
		if (got == 0)
			break;
		n += got;
	}
	fclose(f);
	/* A copy of exactly the input's size, so ASan sees reads past it. */
	{
		uint8_t *exact = malloc(n ? n : 1);

		if (exact == NULL)
			abort();
		for (size_t i = 0; i < n; i++)
			exact[i] = buf[i];
		free(buf);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int i, bad = 0;

	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		if (replay_file(argv[i]) != 0)
			bad = 1;
	printf("replayed %d inputs\n", argc - 1 - bad);
	return bad;
}
