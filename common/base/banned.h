/*
 * base/banned.h - functions kafkit code must not call (after git's banned.h).
 *
 * Included last by kafkit.h users through err.h. Each banned name expands to
 * an undeclared identifier so that a use is a compile error that says why.
 */
#ifndef KT_BASE_BANNED_H
#define KT_BASE_BANNED_H

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef sscanf
#define sscanf(...) BANNED(sscanf)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef atol
#define atol(x) BANNED(atol)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef gets
#define gets(x) BANNED(gets)

#endif
