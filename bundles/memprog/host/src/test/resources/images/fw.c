const unsigned char table[300] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, [299] = 0x5a };
unsigned int counter = 0x12345678;
unsigned char bss_buffer[4096];
void _start(void) { for (;;) { counter += table[counter & 0xff]; bss_buffer[counter & 0xfff] = 1; } }
