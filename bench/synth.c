/*
 * synth.c -- benchmark helper: generates synthetic banks and times
 * queries inside one process (so that figures exclude process start-up).
 *
 *   synth items STANDARD.xml N SEED > items.xml
 *       N items tagged to real codes of the standard, every level and
 *       kind, labelled synthetic (ids "syn-...", author "synthetic").
 *   synth search BANK REPEAT TEXT...
 *       time each search REPEAT times; print median and worst in ms.
 *   synth assemble BANK BLUEPRINT REPEAT
 *       time one paper, then three parallel forms, REPEAT times each.
 *   synth mip BANK BLUEPRINT OUT.lp
 *       the same paper as a MIP for glpsol; prints its number of binaries.
 *   synth bigpack PAPER.xml SECRET.key OUT.zip MIB
 *       a signed package of MIB MiB; prints the seconds packing took.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


#include "assemble.h"
#include "bank.h"
#include "blueprint.h"
#include "item.h"
#include "pack.h"
#include "standard.h"
#include "xml.h"

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	/* xorshift64*: deterministic for a seed, good enough for filler */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

static const char *words[] = {
	"客户", "坐席", "投诉", "来电", "服务", "规范", "话术", "工单", "回访", "满意度",
	"接通率", "服务水平", "平均处理时长", "首次解决率", "排班", "质检", "录音", "班组",
	"绩效", "指标", "营销", "外呼", "呼入", "在线", "知识库", "情绪", "安抚", "诉求",
	"流程", "系统", "信息", "查询", "受理", "转派", "升级", "督导", "培训", "辅导",
	"现场", "突发事件", "预案", "话务量", "人力", "预测", "考勤", "团队", "激励",
	"沟通", "倾听", "确认", "致歉", "解决方案", "跟进", "记录", "隐私", "个人信息",
	"安全", "合规", "礼貌", "普通话", "表达", "耐心", "专业", "效率", "质量",
};
#define NWORDS (sizeof words / sizeof words[0])
static const char *joins[] = {"的", "和", "时", "中", "应当", "需要", "通过", "对于", "，"};
#define NJOINS (sizeof joins / sizeof joins[0])

static void phrase(struct tk_buf *b, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		tk_buf_puts(b, words[rnd(NWORDS)]);
		if (i + 1 < n)
			tk_buf_puts(b, joins[rnd(NJOINS)]);
	}
}

static int gen_items(const char *std_path, long n, unsigned long long seed)
{
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	struct tk_buf out = TK_BUF_INIT;
	const struct tk_req **codes[2][8];
	int ncodes[2][8] = {{0}}, i, k, l;
	long j;

	if (tk_standard_load(std_path, &s, NULL, &err) != TK_OK) {
		fprintf(stderr, "synth: %s\n", err.msg);
		return 1;
	}
	if (s->nlevels > 8) {
		fprintf(stderr, "synth: too many levels\n");
		return 1;
	}
	for (k = 0; k < 2; k++)
		for (l = 0; l < s->nlevels; l++) {
			codes[k][l] = calloc((size_t)s->nreqs, sizeof *codes[k][l]);
			for (i = 0; i < s->nreqs; i++) {
				const struct tk_req *r = &s->reqs[i];
				if (tk_standard_area(s, k, l, r) >= 0 &&
				    (r->type == (k ? TK_REQ_SKILL : TK_REQ_KNOWLEDGE) ||
				     (k == TK_THEORY && r->type == TK_REQ_BASIC)))
					codes[k][l][ncodes[k][l]++] = r;
			}
		}
	rng_state = seed ? seed : 1;
	tk_items_xml_begin(&out, s->id);
	fwrite(out.s, 1, out.len, stdout);
	for (j = 0; j < n; j++) {
		struct tk_item it;
		struct tk_option opts[4];
		struct tk_criterion rubric[2];
		char id[64], *code, *stem;
		const struct tk_req *r;
		struct tk_buf t = TK_BUF_INIT;
		int kind = rnd(10) < 8 ? TK_THEORY : TK_SKILL;
		int level = (int)rnd((unsigned)s->nlevels);

		if (ncodes[kind][level] == 0)
			kind = TK_THEORY;
		if (ncodes[kind][level] == 0)
			continue;
		r = codes[kind][level][rnd((unsigned)ncodes[kind][level])];
		memset(&it, 0, sizeof it);
		snprintf(id, sizeof id, "syn-%07ld", j);
		it.id = id;
		it.kind = kind;
		it.level = s->levels[level].id;
		it.difficulty = 1 + (int)rnd(5);
		it.time = 60;
		it.status = rnd(10) < 8 ? TK_APPROVED : (int)rnd(3);
		it.author = "synthetic";
		code = malloc(strlen(r->code) + 2);
		sprintf(code, "%s%s", r->type == TK_REQ_BASIC ? "B" : "", r->code);
		it.codes = &code;
		it.ncodes = 1;
		phrase(&t, 4 + (int)rnd(6));
		tk_buf_puts(&t, "（　）。");
		stem = tk_fragment_from_text(t.s);
		it.stem = stem;
		tk_buf_reset(&t);
		if (kind == TK_THEORY) {
			int type = (int)rnd(3);
			it.type = type == 0 ? TK_SINGLE : type == 1 ? TK_MULTIPLE : TK_TRUEFALSE;
			it.points = it.type == TK_MULTIPLE ? 20 : 10;
			if (it.type != TK_TRUEFALSE) {
				for (i = 0; i < 4; i++) {
					struct tk_buf o = TK_BUF_INIT;
					tk_buf_printf(&o, "%c：", 'A' + i);
					phrase(&o, 2 + (int)rnd(3));
					opts[i].key = (char)('A' + i);
					opts[i].text = tk_fragment_from_text(o.s);
					tk_buf_free(&o);
				}
				it.options = opts;
				it.noptions = 4;
				it.answer = it.type == TK_SINGLE ? (char *)"B" : (char *)"ACD";
			} else {
				it.answer = rnd(2) ? (char *)"true" : (char *)"false";
			}
		} else {
			it.type = TK_CASE;
			it.points = 100;
			it.answer = "参考答案略";
			rubric[0].points = 40;
			rubric[0].text = "分析正确";
			rubric[1].points = 60;
			rubric[1].text = "处理方案可行";
			it.rubric = rubric;
			it.nrubric = 2;
		}
		/* expected seconds by type, as written items give them: the
		   assembler keeps their sum within the duration */
		it.time = it.type == TK_SINGLE ? 50 : it.type == TK_MULTIPLE ? 90 :
			  it.type == TK_TRUEFALSE ? 30 : 1200;
		it.explanation = "合成数据，仅用于性能测试。";
		tk_buf_reset(&out);
		tk_item_xml(&it, 0, &out);
		fwrite(out.s, 1, out.len, stdout);
		if (it.noptions)
			for (i = 0; i < 4; i++)
				free(opts[i].text);
		free(stem);
		free(code);
		tk_buf_free(&t);
	}
	tk_buf_reset(&out);
	tk_items_xml_end(&out);
	fwrite(out.s, 1, out.len, stdout);
	tk_buf_free(&out);
	for (k = 0; k < 2; k++)
		for (l = 0; l < s->nlevels; l++)
			free(codes[k][l]);
	tk_standard_free(s);
	return 0;
}

static int count_row(void *ud, const struct tk_row *row)
{
	(void)row;
	(*(long *)ud)++;
	return 0;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int time_search(const char *bank, int repeat, int argc, char **argv)
{
	struct tk_bank *b = NULL;
	struct tk_error err = {0};
	double *t = calloc((size_t)repeat, sizeof *t);
	int i, r;

	if (tk_bank_open(bank, TK_BANK_READ, &b, &err) != TK_OK) {
		fprintf(stderr, "synth: %s\n", err.msg);
		return 1;
	}
	for (i = 0; i < argc; i++) {
		struct tk_query q;
		long n = 0;
		memset(&q, 0, sizeof q);
		/* "TEXT@level" searches within one level */
		char text[256], *at;
		int all;
		snprintf(text, sizeof text, "%s", argv[i]);
		/* "TEXT!" counts every match instead of stopping at 50 */
		all = text[0] && text[strlen(text) - 1] == '!';
		if (all)
			text[strlen(text) - 1] = '\0';
		at = strchr(text, '@');
		if (at) {
			*at = '\0';
			q.level = at + 1;
		}
		q.text = text;
		q.limit = all ? 0 : 50;
		for (r = 0; r < repeat; r++) {
			double t0 = now_ms();
			n = 0;
			if (all)
				tk_bank_count(b, &q, &n, &err);
			else
				tk_bank_query(b, &q, count_row, &n, &err);
			t[r] = now_ms() - t0;
		}
		qsort(t, (size_t)repeat, sizeof *t, cmp_double);
		printf("  search %-28s %6ld hits%s  median %7.2f ms  worst %7.2f ms\n",
		       argv[i], n, q.limit ? " (first 50)" : " (counted) ", t[repeat / 2],
		       t[repeat - 1]);
	}
	free(t);
	tk_bank_close(b);
	return 0;
}

/* Time papers from a blueprint: one, then forms A, B, C of a batch. */
static int time_assemble(const char *bank, const char *bppath, int repeat)
{
	struct tk_bank *b = NULL;
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	double *t = calloc((size_t)repeat, sizeof *t), t0;
	int r, f;

	if (tk_bank_open(bank, TK_BANK_READ, &b, &err) != TK_OK ||
	    tk_blueprint_load(bppath, &bp, NULL, &err) != TK_OK ||
	    tk_bank_get_standard(b, bp->standard, &s, &err) != TK_OK ||
	    tk_blueprint_resolve(bp, s, NULL, &err) != TK_OK) {
		fprintf(stderr, "synth: %s\n", err.msg);
		return 1;
	}
	for (r = 0; r < repeat; r++) {
		struct tk_assemble_opts o;
		struct tk_paper *p = NULL;
		memset(&o, 0, sizeof o);
		o.seed = (uint64_t)r + 1;
		t0 = now_ms();
		if (tk_assemble(b, s, bp, &o, &p, NULL, &err) != TK_OK) {
			fprintf(stderr, "synth: %s\n", err.msg);
			return 1;
		}
		t[r] = now_ms() - t0;
		tk_paper_free(p);
	}
	qsort(t, (size_t)repeat, sizeof *t, cmp_double);
	printf("  assemble one %d-point paper (%s): median %.1f ms, worst %.1f ms (goal < 50 ms)\n",
	       bp->points, bp->id, t[repeat / 2], t[repeat - 1]);
	for (r = 0; r < repeat; r++) {
		struct tk_paper *forms[3] = {NULL, NULL, NULL};
		struct tk_assemble_opts o;
		memset(&o, 0, sizeof o);
		/* the batch route: forms drawn together, official, with the
		   exposure rule the assembler asks the bank for */
		o.seed = (uint64_t)r + 1;
		o.batch = "bench";
		t0 = now_ms();
		if (tk_assemble_forms(b, s, bp, &o, 3, forms, NULL, &err) != TK_OK) {
			fprintf(stderr, "synth: forms: %s\n", err.msg);
			return 1;
		}
		t[r] = now_ms() - t0;
		for (f = 0; f < 3; f++)
			tk_paper_free(forms[f]);
	}
	qsort(t, (size_t)repeat, sizeof *t, cmp_double);
	printf("  assemble 3 parallel forms: median %.1f ms, worst %.1f ms (goal < 500 ms)\n",
	       t[repeat / 2], t[repeat - 1]);
	free(t);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_close(b);
	return 0;
}

/* One eligible item of the MIP: what write_mip() writes a variable for. */
struct mv {
	char id[128];
	int sec, area, points, diff;
	char enemies[256];
};

struct mip_walk {
	const struct tk_blueprint *bp;
	const struct tk_standard *s;
	struct mv *v;
	int n, cap;
};

static int mip_item(void *ud, const struct tk_bank_pool_row *row)
{
	struct mip_walk *w = ud;
	const struct tk_blueprint *bp = w->bp;
	const struct tk_req *r;
	int i, sec = -1, area, t;

	if (row->status < 0 || !(bp->statuses & (1 << row->status)) || row->code == NULL)
		return TK_OK;
	for (i = 0; i < bp->nsections; i++)
		if (bp->sections[i].type == row->type &&
		    (!bp->sections[i].points || bp->sections[i].points == row->points))
			sec = i;
	r = tk_standard_find(w->s, bp->level_index, bp->kind, row->code);
	area = r ? tk_standard_area(w->s, bp->kind, bp->level_index, r) : -1;
	for (t = 0; t < bp->ntargets && bp->targets[t].area != area; t++)
		;
	if (sec < 0 || t == bp->ntargets)
		return TK_OK;
	if (w->n == w->cap) {
		int cap = w->cap ? w->cap * 2 : 1024;
		struct mv *v = realloc(w->v, (size_t)cap * sizeof *v);
		if (v == NULL)
			return TK_EINTERNAL;
		w->v = v;
		w->cap = cap;
	}
	snprintf(w->v[w->n].id, sizeof w->v[w->n].id, "%s", row->id);
	snprintf(w->v[w->n].enemies, sizeof w->v[w->n].enemies, "%s", row->enemies);
	w->v[w->n].sec = sec;
	w->v[w->n].area = t;
	w->v[w->n].points = row->points;
	w->v[w->n].diff = row->difficulty;
	w->n++;
	return TK_OK;
}

/*
 * The same assembly as a mixed-integer program, in CPLEX LP format, for
 * glpsol to solve beside tiku: a binary variable per eligible item; each
 * section its count, each area its points, the mean difficulty within
 * the target, enemies apart; random weights as the objective, so that the
 * solver draws a paper as the assembler does.
 */
static int write_mip(const char *bank, const char *bppath, const char *out)
{
	struct tk_bank *b = NULL;
	struct tk_blueprint *bp = NULL;
	struct tk_standard *s = NULL;
	struct tk_error err = {0};
	struct mip_walk w = {0};
	struct mv *v;
	FILE *f;
	int n, i, k, total = 0;

	if (tk_bank_open(bank, TK_BANK_READ, &b, &err) != TK_OK ||
	    tk_blueprint_load(bppath, &bp, NULL, &err) != TK_OK ||
	    tk_bank_get_standard(b, bp->standard, &s, &err) != TK_OK ||
	    tk_blueprint_resolve(bp, s, NULL, &err) != TK_OK) {
		fprintf(stderr, "synth: %s\n", err.msg);
		return 1;
	}
	w.bp = bp;
	w.s = s;
	if (tk_bank_each_pool(b, s->id, s->levels[bp->level_index].id, bp->kind, mip_item, &w,
			      &err) != TK_OK) {
		fprintf(stderr, "synth: %s\n", err.code ? err.msg : "out of memory");
		return 1;
	}
	v = w.v;
	n = w.n;
	f = fopen(out, "w");
	if (f == NULL)
		return 1;
	rng_state = 12345;
	fprintf(f, "\\ %s: %d eligible items\nMaximize\n obj:", bp->id, n);
	for (i = 0; i < n; i++)
		fprintf(f, " + %u x%d%s", 1 + rnd(1000), i, i % 8 == 7 ? "\n " : "");
	fprintf(f, "\nSubject To\n");
	for (k = 0; k < bp->nsections; k++) {
		if (!bp->sections[k].count)
			continue;
		fprintf(f, " sec%d:", k);
		for (i = 0; i < n; i++)
			if (v[i].sec == k)
				fprintf(f, " + x%d%s", i, i % 16 == 15 ? "\n  " : "");
		fprintf(f, " = %d\n", bp->sections[k].count);
		total += bp->sections[k].count;
	}
	for (k = 0; k < bp->ntargets; k++) {
		fprintf(f, " area%d:", k);
		for (i = 0; i < n; i++)
			if (v[i].area == k)
				fprintf(f, " + %d x%d%s", v[i].points, i, i % 16 == 15 ? "\n  " : "");
		fprintf(f, " = %d\n", bp->targets[k].points);
	}
	if (bp->mean > 0) {
		/* sum (d - mean -+ tol) x  <= / >= 0, in hundredths */
		int lo = (int)((bp->mean - bp->mean_tolerance) * 100 + 0.5);
		int hi = (int)((bp->mean + bp->mean_tolerance) * 100 + 0.5);
		fprintf(f, " meanhi:");
		for (i = 0; i < n; i++)
			fprintf(f, " %+d x%d%s", v[i].diff * 100 - hi, i, i % 16 == 15 ? "\n  " : "");
		fprintf(f, " <= 0\n meanlo:");
		for (i = 0; i < n; i++)
			fprintf(f, " %+d x%d%s", v[i].diff * 100 - lo, i, i % 16 == 15 ? "\n  " : "");
		fprintf(f, " >= 0\n");
	}
	for (i = 0; i < n; i++) {
		char *tok, *save = NULL, list[256];
		snprintf(list, sizeof list, "%s", v[i].enemies);
		for (tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			for (k = 0; k < n; k++)
				if (!strcmp(v[k].id, tok) && k != i)
					fprintf(f, " en%d_%d: x%d + x%d <= 1\n", i, k, i, k);
	}
	fprintf(f, "Binary\n");
	for (i = 0; i < n; i++)
		fprintf(f, " x%d%s", i, i % 16 == 15 ? "\n" : "");
	fprintf(f, "\nEnd\n");
	fclose(f);
	printf("%d\n", n);
	free(v);
	tk_blueprint_free(bp);
	tk_standard_free(s);
	tk_bank_close(b);
	(void)total;
	return 0;
}

/*
 * A package of the size a batch reaches: the paper with mb MiB of
 * incompressible bytes in place of its PDF (PDFs hardly compress either),
 * signed with key, written to out and out.minisig, so that `tiku verify`
 * can be timed beside sha256sum on the same file.
 */
static int big_package(const char *paper, const char *key, const char *out, int mb)
{
	struct tk_paper *p = NULL;
	struct tk_seckey sk;
	struct tk_error err = {0};
	struct tk_buf pdf = TK_BUF_INIT, pkg = TK_BUF_INIT, sig = TK_BUF_INIT, sp = TK_BUF_INIT;
	size_t i, n = (size_t)mb << 20;
	int rc;

	if (tk_paper_load(paper, &p, NULL, &err) != TK_OK ||
	    tk_sign_read_sec(key, NULL, &sk, &err) != TK_OK) {
		fprintf(stderr, "synth: %s\n", err.msg);
		tk_paper_free(p);
		return 1;
	}
	rng_state = 7;
	for (i = 0; i < n; i += 4) {
		unsigned v = rnd(0xffffffffu);
		tk_buf_add(&pdf, (const char *)&v, 4);
	}
	{
		struct timespec a, b;
		clock_gettime(CLOCK_MONOTONIC, &a);
		rc = tk_pack_build(p, TK_PACK_PAPER, &pdf, TK_PACK_ZIP, &sk, &pkg, &sig, &err);
		clock_gettime(CLOCK_MONOTONIC, &b);
		printf("%.3f\n", (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9);
	}
	tk_sign_wipe(&sk);
	tk_buf_printf(&sp, "%s.minisig", out);
	if (rc == TK_OK)
		rc = tk_write_file(out, pkg.s, pkg.len, &err);
	if (rc == TK_OK)
		rc = tk_write_file(sp.s, sig.s, sig.len, &err);
	if (rc != TK_OK)
		fprintf(stderr, "synth: %s\n", err.msg);
	tk_buf_free(&pdf);
	tk_buf_free(&pkg);
	tk_buf_free(&sig);
	tk_buf_free(&sp);
	tk_paper_free(p);
	return rc != TK_OK;
}

int main(int argc, char **argv)
{
	int rc = 2;

	if (argc >= 5 && !strcmp(argv[1], "items"))
		rc = gen_items(argv[2], atol(argv[3]), strtoull(argv[4], NULL, 10));
	else if (argc >= 6 && !strcmp(argv[1], "bigpack"))
		rc = big_package(argv[2], argv[3], argv[4], atoi(argv[5]));
	else if (argc >= 5 && !strcmp(argv[1], "mip"))
		rc = write_mip(argv[2], argv[3], argv[4]);
	else if (argc >= 5 && !strcmp(argv[1], "assemble"))
		rc = time_assemble(argv[2], argv[3], atoi(argv[4]));
	else if (argc >= 5 && !strcmp(argv[1], "search"))
		rc = time_search(argv[2], atoi(argv[3]), argc - 4, argv + 4);
	else
		fprintf(stderr, "usage: synth items STANDARD.xml N SEED\n"
				"       synth assemble BANK BLUEPRINT REPEAT\n"
				"       synth search BANK REPEAT TEXT[@LEVEL]...\n"
				"       synth mip BANK BLUEPRINT OUT.lp\n"
				"       synth bigpack PAPER.xml SECRET.key OUT.zip MIB\n");
	tk_xml_cleanup();
	return rc;
}
