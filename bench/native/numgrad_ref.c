/*
 * The native C reference for numgrad's black-box gradients: the standard workloads of
 * docs/WORKLOADS.md, a central-difference gradient with the default step, and OpenMP threads that
 * each perturb a private copy of x. It is the yardstick of "C time / numgrad time", so it is
 * written the way a careful C programmer would write it for speed, not naively:
 *   - every reduction is an `omp simd reduction` (gcc vectorises a double reduction only when
 *     allowed to reorder it, and -O3 alone does not allow that);
 *   - the linear models' X.w computes four rows per pass over w;
 *   - the MLP's first layer computes four samples per pass over a weight row.
 * The exact gradient (analytic, backprop for the MLP) gives err_inf, as numgrad reports it.
 *
 * Build: gcc -O3 -march=native -fopenmp -o numgrad_ref numgrad_ref.c -lm
 * Usage: numgrad_ref WORKLOAD SIZES THREADS WARMUP REPEAT
 *        e.g. numgrad_ref linreg 256,1000 2 1 5
 * Output: one JSON line: workload, size, threads, evaluations, seconds (median), seconds_min,
 *         err_inf, value, checksum (sum of the gradient's entries).
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum kind { SUMSQ, ROSEN, LINREG, LOGREG, MLP };

typedef struct {
    enum kind kind;
    int n;              /* parameters */
    int m, cols;        /* linreg/logreg: rows, columns */
    int d, h, k, b;     /* mlp */
    double *X;          /* linreg/logreg: m x cols row-major; mlp: b x d row-major */
    double *y;          /* linreg targets, logreg labels */
    int *labels;        /* mlp */
} problem;

/* Per-thread scratch. */
typedef struct {
    double *rows;       /* m margins / residuals, or h*b hidden activations */
    double *logits;     /* k*b */
} scratch;

static double *alloc(size_t count) {
    double *p = aligned_alloc(64, ((count * sizeof(double) + 63) / 64) * 64);
    if (!p) {
        fprintf(stderr, "out of memory\n");
        exit(1);
    }
    memset(p, 0, count * sizeof(double));
    return p;
}

static double sumsq(const double *restrict x, int n) {
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return s;
}

static double rosen(const double *restrict x, int n) {
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (int i = 0; i < n - 1; i++) {
        double c = x[i + 1] - x[i] * x[i];
        double a = 1 - x[i];
        s += 100 * c * c + a * a;
    }
    return s;
}

/* out[r] = X_r . w, four rows per pass over w. */
static void gemv4(const double *restrict X, int m, int n, const double *restrict w, double *restrict out) {
    int r = 0;
    for (; r + 4 <= m; r += 4) {
        const double *x0 = X + (size_t)r * n, *x1 = x0 + n, *x2 = x1 + n, *x3 = x2 + n;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#pragma omp simd reduction(+ : s0, s1, s2, s3)
        for (int c = 0; c < n; c++) {
            s0 += x0[c] * w[c];
            s1 += x1[c] * w[c];
            s2 += x2[c] * w[c];
            s3 += x3[c] * w[c];
        }
        out[r] = s0; out[r + 1] = s1; out[r + 2] = s2; out[r + 3] = s3;
    }
    for (; r < m; r++) {
        const double *xr = X + (size_t)r * n;
        double s = 0;
#pragma omp simd reduction(+ : s)
        for (int c = 0; c < n; c++) s += xr[c] * w[c];
        out[r] = s;
    }
}

static double softplus(double z) { return fmax(z, 0) + log1p(exp(-fabs(z))); }

static double linreg(const problem *p, const double *w, scratch *s) {
    gemv4(p->X, p->m, p->cols, w, s->rows);
    double sum = 0;
    for (int r = 0; r < p->m; r++) {
        double e = s->rows[r] - p->y[r];
        sum += e * e;
    }
    return sum / (2.0 * p->m);
}

static double logreg(const problem *p, const double *w, scratch *s) {
    gemv4(p->X, p->m, p->cols, w, s->rows);
    double sum = 0;
    for (int r = 0; r < p->m; r++) {
        double z = s->rows[r];
        sum += softplus(z) - p->y[r] * z;
    }
    return sum / p->m;
}

/* hidden[j*b + s] = tanh(W1_j . X_s + b1_j), four samples per pass over the row W1_j; returns the
 * mean softmax cross-entropy. */
static double mlp(const problem *p, const double *theta, scratch *s) {
    int d = p->d, h = p->h, k = p->k, b = p->b;
    const double *W1 = theta, *b1 = W1 + (size_t)h * d, *W2 = b1 + h, *b2 = W2 + (size_t)k * h;
    double *hid = s->rows;
    for (int j = 0; j < h; j++) {
        const double *wj = W1 + (size_t)j * d;
        int q = 0;
        for (; q + 4 <= b; q += 4) {
            const double *x0 = p->X + (size_t)q * d, *x1 = x0 + d, *x2 = x1 + d, *x3 = x2 + d;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#pragma omp simd reduction(+ : s0, s1, s2, s3)
            for (int c = 0; c < d; c++) {
                s0 += wj[c] * x0[c];
                s1 += wj[c] * x1[c];
                s2 += wj[c] * x2[c];
                s3 += wj[c] * x3[c];
            }
            hid[j * b + q] = tanh(s0 + b1[j]);
            hid[j * b + q + 1] = tanh(s1 + b1[j]);
            hid[j * b + q + 2] = tanh(s2 + b1[j]);
            hid[j * b + q + 3] = tanh(s3 + b1[j]);
        }
        for (; q < b; q++) {
            const double *xq = p->X + (size_t)q * d;
            double acc = 0;
#pragma omp simd reduction(+ : acc)
            for (int c = 0; c < d; c++) acc += wj[c] * xq[c];
            hid[j * b + q] = tanh(acc + b1[j]);
        }
    }
    /* logits[c*b + q] = b2_c + sum_j W2[c][j] hid[j][q]; vectorised over the samples */
    double *lg = s->logits;
    for (int c = 0; c < k; c++) {
        for (int q = 0; q < b; q++) lg[c * b + q] = b2[c];
        for (int j = 0; j < h; j++) {
            double wcj = W2[(size_t)c * h + j];
#pragma omp simd
            for (int q = 0; q < b; q++) lg[c * b + q] += wcj * hid[j * b + q];
        }
    }
    double loss = 0;
    for (int q = 0; q < b; q++) {
        double mx = -INFINITY;
        for (int c = 0; c < k; c++) mx = fmax(mx, lg[c * b + q]);
        double e = 0;
        for (int c = 0; c < k; c++) e += exp(lg[c * b + q] - mx);
        loss += mx + log(e) - lg[p->labels[q] * b + q];
    }
    return loss / b;
}

static double value(const problem *p, const double *x, scratch *s) {
    switch (p->kind) {
    case SUMSQ: return sumsq(x, p->n);
    case ROSEN: return rosen(x, p->n);
    case LINREG: return linreg(p, x, s);
    case LOGREG: return logreg(p, x, s);
    default: return mlp(p, x, s);
    }
}

/* The exact gradient at x, for err_inf. */
static void exact_gradient(const problem *p, const double *x, double *g) {
    int n = p->n;
    memset(g, 0, (size_t)n * sizeof(double));
    if (p->kind == SUMSQ) {
        for (int i = 0; i < n; i++) g[i] = 2 * x[i];
    } else if (p->kind == ROSEN) {
        for (int i = 0; i < n - 1; i++) {
            double c = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * c - 2 * (1 - x[i]);
            g[i + 1] += 200 * c;
        }
    } else if (p->kind == LINREG || p->kind == LOGREG) {
        for (int r = 0; r < p->m; r++) {
            const double *xr = p->X + (size_t)r * p->cols;
            double z = 0;
            for (int c = 0; c < p->cols; c++) z += xr[c] * x[c];
            double weight = p->kind == LINREG ? (z - p->y[r]) : (1 / (1 + exp(-z)) - p->y[r]);
            for (int c = 0; c < p->cols; c++) g[c] += weight * xr[c] / p->m;
        }
    } else {
        int d = p->d, h = p->h, k = p->k, b = p->b;
        const double *W1 = x, *b1 = W1 + (size_t)h * d, *W2 = b1 + h, *b2 = W2 + (size_t)k * h;
        double *gW1 = g, *gb1 = gW1 + (size_t)h * d, *gW2 = gb1 + h, *gb2 = gW2 + (size_t)k * h;
        double *hid = alloc(h), *dz = alloc(h), *lg = alloc(k);
        for (int q = 0; q < b; q++) {
            const double *xq = p->X + (size_t)q * d;
            for (int j = 0; j < h; j++) {
                double z = b1[j];
                for (int c = 0; c < d; c++) z += W1[(size_t)j * d + c] * xq[c];
                hid[j] = tanh(z);
            }
            double mx = -INFINITY;
            for (int c = 0; c < k; c++) {
                lg[c] = b2[c];
                for (int j = 0; j < h; j++) lg[c] += W2[(size_t)c * h + j] * hid[j];
                mx = fmax(mx, lg[c]);
            }
            double e = 0;
            for (int c = 0; c < k; c++) e += exp(lg[c] - mx);
            for (int j = 0; j < h; j++) dz[j] = 0;
            for (int c = 0; c < k; c++) {
                double dl = (exp(lg[c] - mx) / e - (c == p->labels[q])) / b;
                gb2[c] += dl;
                for (int j = 0; j < h; j++) {
                    gW2[(size_t)c * h + j] += dl * hid[j];
                    dz[j] += dl * W2[(size_t)c * h + j];
                }
            }
            for (int j = 0; j < h; j++) {
                double dzj = dz[j] * (1 - hid[j] * hid[j]);
                gb1[j] += dzj;
                for (int c = 0; c < d; c++) gW1[(size_t)j * d + c] += dzj * xq[c];
            }
        }
        free(hid); free(dz); free(lg);
    }
}

/* The numgrad default central step for |x_i| <= 1: cbrt(eps) rounded down to a power of two. */
static double step(double xi) {
    double scaled = cbrt(0x1p-52) * fmax(fabs(xi), 1.0);
    int e;
    frexp(scaled, &e);
    return ldexp(1.0, e - 1);
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + 1e-9 * t.tv_nsec;
}

static void gradient(const problem *p, const double *x0, double *g) {
    int n = p->n;
#pragma omp parallel
    {
        double *x = alloc(n);
        memcpy(x, x0, (size_t)n * sizeof(double));
        scratch s;
        size_t rows = p->kind == MLP ? (size_t)p->h * p->b : (size_t)p->m + 1;
        s.rows = alloc(rows);
        s.logits = alloc(p->kind == MLP ? (size_t)p->k * p->b : 1);
#pragma omp for schedule(static)
        for (int i = 0; i < n; i++) {
            double xi = x[i], hi = step(xi);
            x[i] = xi + hi;
            double plus = value(p, x, &s);
            x[i] = xi - hi;
            double minus = value(p, x, &s);
            x[i] = xi;
            g[i] = (plus - minus) / (2 * hi);
        }
        free(x); free(s.rows); free(s.logits);
    }
}

static int cmp(const void *a, const void *b) {
    double u = *(const double *)a, v = *(const double *)b;
    return (u > v) - (u < v);
}

static int parse_sizes(const char *text, int *out, int max) {
    int count = 0;
    const char *c = text;
    while (*c && count < max) {
        char *end;
        long v = strtol(c, &end, 10);
        if (end == c || v < 1 || v > 100000000) return -1;
        out[count++] = (int)v;
        c = *end == ',' ? end + 1 : end;
        if (*end && *end != ',') return -1;
    }
    return *c ? -1 : count;
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s WORKLOAD SIZES THREADS WARMUP REPEAT\n", argv[0]);
        return 2;
    }
    problem p = {0};
    int sizes[4];
    int count = parse_sizes(argv[2], sizes, 4);
    int threads = atoi(argv[3]), warmup = atoi(argv[4]), repeat = atoi(argv[5]);
    const char *w = argv[1];
    int expected;
    if (!strcmp(w, "sumsq")) { p.kind = SUMSQ; expected = 1; }
    else if (!strcmp(w, "rosen")) { p.kind = ROSEN; expected = 1; }
    else if (!strcmp(w, "linreg")) { p.kind = LINREG; expected = 2; }
    else if (!strcmp(w, "logreg")) { p.kind = LOGREG; expected = 2; }
    else if (!strcmp(w, "mlp")) { p.kind = MLP; expected = 4; }
    else { fprintf(stderr, "unknown workload '%s'\n", w); return 2; }
    if (count != expected || threads < 1 || warmup < 0 || repeat < 1) {
        fprintf(stderr, "bad sizes '%s' for %s (expected %d), or threads/warmup/repeat\n", argv[2], w, expected);
        return 2;
    }
    if (p.kind == SUMSQ || p.kind == ROSEN) {
        p.n = sizes[0];
    } else if (p.kind == LINREG || p.kind == LOGREG) {
        p.m = sizes[0]; p.cols = p.n = sizes[1];
        p.X = alloc((size_t)p.m * p.cols);
        p.y = alloc(p.m);
        for (int r = 0; r < p.m; r++) {
            for (int c = 0; c < p.cols; c++) p.X[(size_t)r * p.cols + c] = sin(0.7 * r + 0.13 * c);
            p.y[r] = p.kind == LINREG ? cos(0.3 * r) : (cos(0.3 * r) > 0 ? 1 : 0);
        }
    } else {
        p.d = sizes[0]; p.h = sizes[1]; p.k = sizes[2]; p.b = sizes[3];
        p.n = p.h * p.d + p.h + p.k * p.h + p.k;
        p.X = alloc((size_t)p.b * p.d);
        p.labels = malloc(sizeof(int) * p.b);
        for (int q = 0; q < p.b; q++) {
            for (int j = 0; j < p.d; j++) p.X[(size_t)q * p.d + j] = sin(0.7 * q + 0.13 * j);
            p.labels[q] = q % p.k;
        }
    }
    omp_set_num_threads(threads);
    double *x0 = alloc(p.n), *g = alloc(p.n), *exact = alloc(p.n);
    for (int i = 0; i < p.n; i++) x0[i] = 0.1 * sin(0.37 * i + 0.1);
    double *times = malloc(sizeof(double) * repeat);
    for (int r = 0; r < warmup; r++) gradient(&p, x0, g);
    for (int r = 0; r < repeat; r++) {
        double t0 = now();
        gradient(&p, x0, g);
        times[r] = now() - t0;
    }
    qsort(times, repeat, sizeof(double), cmp);
    double median = repeat % 2 ? times[repeat / 2] : 0.5 * (times[repeat / 2 - 1] + times[repeat / 2]);
    exact_gradient(&p, x0, exact);
    double maxdiff = 0, maxg = 0, checksum = 0;
    for (int i = 0; i < p.n; i++) {
        maxdiff = fmax(maxdiff, fabs(g[i] - exact[i]));
        maxg = fmax(maxg, fabs(exact[i]));
        checksum += g[i];
    }
    scratch s = {alloc(p.kind == MLP ? (size_t)p.h * p.b : (size_t)p.m + 1), alloc(p.kind == MLP ? (size_t)p.k * p.b : 1)};
    double f0 = value(&p, x0, &s);
    printf("{\"workload\":\"%s\",\"size\":[%s],\"threads\":%d,\"evaluations\":%ld,\"seconds\":%.6g,"
           "\"seconds_min\":%.6g,\"err_inf\":%.4g,\"value\":%.17g,\"checksum\":%.17g}\n",
           w, argv[2], threads, 2L * p.n, median, times[0], maxdiff / maxg, f0, checksum);
    return 0;
}
