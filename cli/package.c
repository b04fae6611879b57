/*
 * package.c -- what travels to the exam sites: signing keys (keygen),
 * detached signatures (sign, verify), and signed packages (pack, open).
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "commands.h"
#include "validate.h"
#include "pack.h"
#include "seal.h"
#include "sign.h"
#include "util.h"

enum { K_UNENCRYPTED = CLI_K_OWN, K_FORCE, K_SEAL, K_COMMENT,
       K_LEGACY, K_PUB, K_SIG, K_SEAL_TO, K_BATCH, K_SITE };

/* The options several of these commands share, with one meaning each. */
#define OPT_LEGACY   {"legacy", K_LEGACY, NULL, \
	N_("sign in minisign's legacy mode, which signify -V verifies too")}
#define OPT_PUB      {"pub", K_PUB, "NAME.pub", N_("the signer's public key")}

/* ---- passphrases and secret keys --------------------------------------- */

/*
 * A passphrase: the first line of file, else asked on the terminal with
 * echo off (twice when twice).  Caller wipes and frees.
 */
static char *passphrase(const char *file, const char *prompt, int twice, struct tk_error *err)
{
	char *line[2] = {NULL, NULL};
	size_t cap[2] = {0, 0};
	struct termios old, quiet;
	FILE *tty;
	int k;

	if (file) {
		char *data;
		size_t len;
		if (tk_read_file(file, &data, &len, err) != TK_OK)
			return NULL;
		data[strcspn(data, "\r\n")] = '\0';
		return data;
	}
	tty = fopen("/dev/tty", "r+");
	if (tty == NULL || !isatty(fileno(tty))) {
		if (tty)
			fclose(tty);
		tk_error_set(err, TK_EUSAGE, NULL, 0,
			     "no terminal to ask the passphrase on: give --passphrase-file");
		return NULL;
	}
	for (k = 0; k < (twice ? 2 : 1); k++) {
		ssize_t n;
		fputs(k ? _("Passphrase (again): ") : prompt, tty);
		fflush(tty);
		tcgetattr(fileno(tty), &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
		n = getline(&line[k], &cap[k], tty);
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
		fputc('\n', tty);
		if (n < 0) {
			tk_error_set(err, TK_EUSAGE, NULL, 0, "no passphrase given");
			break;
		}
		line[k][strcspn(line[k], "\r\n")] = '\0';
	}
	fclose(tty);
	if (line[0] && (k < (twice ? 2 : 1) || (twice && strcmp(line[0], line[1])))) {
		if (k == 2)
			tk_error_set(err, TK_EUSAGE, NULL, 0, "the passphrases differ");
		tk_sign_free_pass(line[0]);
		line[0] = NULL;
	}
	tk_sign_free_pass(line[1]);
	return line[0];
}

int cli_read_secret(const char *key, const char *pfile, struct tk_seckey *sk,
		       struct tk_error *err)
{
	char *pass;
	int rc = tk_sign_read_sec(key, NULL, sk, err);

	if (rc != TK_EUSAGE)
		return rc;
	tk_error_clear(err);
	if ((pass = passphrase(pfile, _("Passphrase for the key: "), 0, err)) == NULL)
		return err->code;
	rc = tk_sign_read_sec(key, pass, sk, err);
	tk_sign_free_pass(pass);
	return rc;
}

/* ---- keygen ------------------------------------------------------------ */

/* What the key pair is written as: NAME.key and NAME.pub. */
struct keypair {
	struct tk_buf key, pub;
};

static void keypair_free(struct keypair *kp)
{
	tk_buf_free(&kp->key);
	tk_buf_free(&kp->pub);
}

/* A key file made in the scratch directory, put in its place: replacing
 * what is there with force, else only where nothing is. */
static int put_key(const char *from, const char *to, int force, struct tk_error *err)
{
	if (force ? rename(from, to) == 0 : link(from, to) == 0)
		return TK_OK;
	if (errno == EEXIST)
		return tk_error_set(err, TK_EINPUT, to, 0, "exists already (--force replaces it)");
	return tk_error_set(err, TK_EINPUT, to, 0, "cannot write: %s", strerror(errno));
}

/*
 * Make a key pair with make() (tk_sign_keygen's or tk_seal_keygen's work)
 * in a scratch directory beside it, then put both files in place: the
 * pair appears whole, a --force never leaves half a key, and a failure
 * leaves neither file.
 */
static int make_keypair(const struct keypair *kp, int force,
			int (*make)(const char *base, void *ud, struct tk_error *err), void *ud,
			struct tk_error *err)
{
	struct tk_buf dir = TK_BUF_INIT, base = TK_BUF_INIT, k = TK_BUF_INIT, p = TK_BUF_INIT;
	int rc;

	tk_buf_printf(&dir, "%s.new.XXXXXX", kp->key.s);
	if (dir.oom)
		return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	if (mkdtemp(dir.s) == NULL) {
		rc = tk_error_set(err, TK_EINPUT, kp->key.s, 0, "cannot write: %s", strerror(errno));
		tk_buf_free(&dir);
		return rc;
	}
	tk_buf_printf(&base, "%s/k", dir.s);
	tk_buf_printf(&k, "%s.key", base.s);
	tk_buf_printf(&p, "%s.pub", base.s);
	if (base.oom || k.oom || p.oom)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else if ((rc = make(base.s, ud, err)) == TK_OK &&
		 (rc = put_key(k.s, kp->key.s, force, err)) == TK_OK &&
		 (rc = put_key(p.s, kp->pub.s, force, err)) != TK_OK)
		unlink(kp->key.s);      /* a secret key without its public key is no use */
	unlink(k.s);
	unlink(p.s);
	rmdir(dir.s);
	tk_buf_free(&dir);
	tk_buf_free(&base);
	tk_buf_free(&k);
	tk_buf_free(&p);
	return rc;
}

struct sign_keygen {
	const char *pass;
	struct tk_pubkey pub;
};

static int make_sign_key(const char *base, void *ud, struct tk_error *err)
{
	struct sign_keygen *g = ud;

	return tk_sign_keygen(base, g->pass, 0, &g->pub, err);
}

static int make_seal_key(const char *base, void *ud, struct tk_error *err)
{
	return tk_seal_keygen(base, 0, ud, err);
}

/* -o NAME, NAME.key or NAME.pub: the pair's two names. */
static int keypair_names(const struct cli_cmd *cmd, const char *out, struct keypair *kp)
{
	size_t n = strlen(out);
	int rc;

	if (n >= 4 && (!strcmp(out + n - 4, ".key") || !strcmp(out + n - 4, ".pub")))
		n -= 4;
	tk_buf_add(&kp->key, out, n);
	if ((rc = cli_out_file(cmd, tk_buf_str(&kp->key), ".key")) != TK_OK)
		return rc;
	if (n == 0 || out[n - 1] == '/')
		return cli_usage(cmd, "'%s' names no file", out);
	tk_buf_add(&kp->pub, out, n);
	tk_buf_puts(&kp->key, ".key");
	tk_buf_puts(&kp->pub, ".pub");
	return kp->key.oom || kp->pub.oom ? TK_EINTERNAL : TK_OK;
}

static int run_keygen(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct keypair kp = {TK_BUF_INIT, TK_BUF_INIT};
	struct sign_keygen g = {NULL, {{0}, {0}}};
	const char *out = NULL, *pfile = NULL;
	char *pass = NULL, id[17], rcp[128];
	int c, rc, plain = 0, force = 0, seal = 0;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case 'o': out = optarg; break;
		case K_UNENCRYPTED: plain = 1; break;
		case CLI_K_PASSFILE: pfile = optarg; break;
		case K_FORCE: force = 1; break;
		case K_SEAL: seal = 1; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind < argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
	if (out == NULL)
		return cli_usage(cmd, "name the key pair with -o NAME");
	if (seal && (plain || pfile))
		return cli_usage(cmd, "--seal keys are age identities: no passphrase");
	if (plain && pfile)
		return cli_usage(cmd, "--unencrypted or --passphrase-file, not both");
	if ((rc = keypair_names(cmd, out, &kp)) != TK_OK)
		goto out;
	/* refuse before asking for a passphrase; put_key refuses a late one */
	if (!force && (access(kp.key.s, F_OK) == 0 || access(kp.pub.s, F_OK) == 0)) {
		tk_error_set(&err, TK_EINPUT, access(kp.key.s, F_OK) == 0 ? kp.key.s : kp.pub.s, 0,
			     "exists already (--force replaces it)");
		rc = cli_fail(&err);
		goto out;
	}
	if (seal) {
		/* a site's key for sealed packages: age's formats */
		if ((rc = make_keypair(&kp, force, make_seal_key, rcp, &err)) != TK_OK)
			rc = cli_fail(&err);
		else
			printf(_("%s (age identity, mode 0600) and %s: %s\n"), kp.key.s, kp.pub.s, rcp);
		goto out;
	}
	if (!plain) {
		if ((pass = passphrase(pfile, _("Passphrase for the new key: "), 1, &err)) == NULL) {
			rc = cli_fail(&err);
			goto out;
		}
		if (pass[0] == '\0') {
			rc = cli_usage(cmd, "an empty passphrase (use --unencrypted for no passphrase)");
			goto out;
		}
		fprintf(stderr, "tiku keygen: %s\n",
			_("deriving the key from the passphrase (scrypt, about a second)..."));
	}
	g.pass = pass;
	if ((rc = make_keypair(&kp, force, make_sign_key, &g, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	tk_sign_id_hex(g.pub.id, id);
	printf(plain ? _("%s (secret, UNENCRYPTED, mode 0600) and %s: key %s\n")
	       : _("%s (secret, encrypted, mode 0600) and %s: key %s\n"), kp.key.s, kp.pub.s, id);
out:
	tk_sign_free_pass(pass);
	keypair_free(&kp);
	return rc;
}

static const struct cli_opt keygen_opts[] = {
	CLI_OPT_OUTPUT(N_("the key pair: NAME.key and NAME.pub")),
	CLI_OPT_PASSFILE,
	{"unencrypted", K_UNENCRYPTED, NULL, N_("the secret key in the clear (for automation)")},
	{"force", K_FORCE, NULL, N_("replace existing key files")},
	{"seal", K_SEAL, NULL, N_("an exam site's key for sealed packages (age)")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_keygen = {
	"keygen", run_keygen, N_("make a signing key pair (minisign's formats)"),
	"-o NAME [--passphrase-file FILE | --unencrypted] [--force]\n"
	"--seal -o SITE [--force]",
	N_("Write NAME.key (the secret key, mode 0600) and NAME.pub (the public\n"
	   "key to hand to exam sites), in minisign's file formats: the stock\n"
	   "minisign and signify use the public key as it is.  The secret key is\n"
	   "encrypted with a passphrase as minisign does (scrypt), asked on the\n"
	   "terminal unless given in a file; --unencrypted writes it in the clear,\n"
	   "for automation.  -o NAME.key or NAME.pub names the same pair.  The\n"
	   "pair is written whole or not at all; existing files are kept unless\n"
	   "--force.\n\n"
	   "--seal makes an exam site's key pair for sealed packages instead, in\n"
	   "age's formats: SITE.key (the identity, 0600) and SITE.pub (age1...).\n"),
	keygen_opts, NULL, 0
};

/* ---- sign -------------------------------------------------------------- */

static int run_sign(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_seckey sk;
	struct tk_buf sig = TK_BUF_INIT, path = TK_BUF_INIT, tc = TK_BUF_INIT;
	const char *key = NULL, *pfile = NULL, *comment = NULL, *out = NULL, *file, *base;
	char *data = NULL;
	size_t len;
	int c, rc, legacy = 0;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_KEY: key = optarg; break;
		case CLI_K_PASSFILE: pfile = optarg; break;
		case K_COMMENT: comment = optarg; break;
		case K_LEGACY: legacy = 1; break;
		case 'o': out = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "no file to sign");
	if (optind + 1 < argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	if (key == NULL)
		return cli_usage(cmd, "name the secret key with --key NAME.key");
	if (out && (rc = cli_out_file(cmd, out, ".minisig")) != TK_OK)
		return rc;
	file = argv[optind];
	if ((rc = tk_read_file(file, &data, &len, &err)) != TK_OK)
		return cli_fail(&err);
	if ((rc = cli_read_secret(key, pfile, &sk, &err)) != TK_OK) {
		free(data);
		return cli_fail(&err);
	}
	base = strrchr(file, '/');
	base = base ? base + 1 : file;
	if (comment)
		tk_buf_puts(&tc, comment);
	else
		tk_buf_printf(&tc, "timestamp:%lld\tfile:%s%s", (long long)time(NULL), base,
			      legacy ? "" : "\thashed");
	rc = tk_sign_data(&sk, data, len, NULL, tk_buf_str(&tc), legacy, &sig, &err);
	tk_sign_wipe(&sk);
	if (out == NULL) {
		tk_buf_printf(&path, "%s.minisig", file);
		out = tk_buf_str(&path);
	}
	if (rc == TK_OK)
		rc = tk_write_file(out, sig.s, sig.len, &err);
	if (rc == TK_OK)
		printf(_("%s: signed\n"), out);
	else
		cli_fail(&err);
	free(data);
	tk_buf_free(&sig);
	tk_buf_free(&path);
	tk_buf_free(&tc);
	return rc;
}

static const struct cli_opt sign_opts[] = {
	CLI_OPT_SECKEY, CLI_OPT_PASSFILE,
	{"comment", K_COMMENT, "TEXT", N_("the trusted comment (default: timestamp and file name)")},
	OPT_LEGACY,
	CLI_OPT_OUTPUT(N_("the signature (default FILE.minisig)")),
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_sign = {
	"sign", run_sign, N_("sign a file (a minisign signature)"),
	"FILE --key NAME.key [-o FILE.minisig] [options]",
	N_("Write FILE.minisig, a detached Ed25519 signature that 'minisign -V'\n"
	   "accepts: over the BLAKE2b hash of the file, or with --legacy over the\n"
	   "file itself (what signify verifies).  The trusted comment (default\n"
	   "timestamp and file name) is signed too.\n"),
	sign_opts, NULL, 0
};

/* ---- verify ------------------------------------------------------------ */

static int run_verify(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_pubkey pk;
	struct tk_buf path = TK_BUF_INIT, plain = TK_BUF_INIT;
	const char *pub = NULL, *sigpath = NULL, *file, *sitekey = NULL;
	char *data = NULL, *sig = NULL, *trusted = NULL;
	size_t len, slen;
	int c, rc, quiet = 0;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_KEY: sitekey = optarg; break;
		case K_PUB: pub = optarg; break;
		case K_SIG: sigpath = optarg; break;
		case 'q': quiet = 1; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "no file to verify");
	if (optind + 1 < argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	if (pub == NULL)
		return cli_usage(cmd, "name the public key with --pub NAME.pub");
	file = argv[optind];
	/* the signature of a sealed package is of the package inside: X.zip.minisig */
	tk_pack_sig_path(file, &path);
	if (sigpath == NULL)
		sigpath = tk_buf_str(&path);
	if ((rc = tk_sign_read_pub(pub, &pk, &err)) != TK_OK ||
	    (rc = tk_read_file(file, &data, &len, &err)) != TK_OK ||
	    (rc = tk_read_file(sigpath, &sig, &slen, &err)) != TK_OK)
		goto out;
	/* sealed: opened in memory with the site's key, then checked as any package */
	if (tk_seal_is_age(data, len)) {
		if ((rc = tk_pack_unseal(sitekey, data, len, &plain, &err)) != TK_OK)
			goto out;
		tk_sign_wipe_bytes(data, len);
		free(data);
		data = plain.s;
		len = plain.len;
		plain = (struct tk_buf)TK_BUF_INIT;
		if (!(len >= 4 && (!memcmp(data, "PK\3\4", 4) || !memcmp(data, "\x1f\x8b", 2)))) {
			rc = tk_error_set(&err, TK_FAIL, file, 0, "the sealed file holds no package");
			goto out;
		}
	}
	if (len >= 4 && (!memcmp(data, "PK\3\4", 4) || !memcmp(data, "\x1f\x8b", 2))) {
		/* a package: the whole of it, not just its signature */
		struct tk_unpack_file *files = NULL;
		int nf = 0;
		rc = tk_pack_verify(data, len, sig, slen, &pk, NULL, &trusted, &files, &nf, &err);
		if (rc == TK_OK && !quiet) {
			/* what the signer said it is, in the comment the signature covers */
			if (strstr(trusted, "content:course"))
				printf(_("%s: bundle good, %d files as the signed manifest lists them\n"),
				       file, nf);
			else
				printf(_("%s: package good, %d files as the signed manifest lists "
					 "them\n"), file, nf);
			printf(_("trusted comment: %s\n"), trusted);
		}
		tk_unpack_free(files, nf);
	} else {
		rc = tk_sign_verify(&pk, data, len, sig, slen, sigpath, &trusted, &err);
		if (rc == TK_OK && !quiet) {
			printf(_("%s: signature good\n"), file);
			printf(_("trusted comment: %s\n"), trusted);
		}
	}
out:
	if (rc != TK_OK)
		cli_fail(&err);
	free(trusted);
	if (data)
		tk_sign_wipe_bytes(data, len);
	free(data);
	free(sig);
	/* a failed unsealing leaves its buffer (its plain text wiped) */
	tk_buf_free(&plain);
	tk_buf_free(&path);
	return rc;
}

static const struct cli_opt verify_opts[] = {
	OPT_PUB,
	{"sig", K_SIG, "FILE.minisig", N_("the signature (default FILE.minisig)")},
	{"key", CLI_K_KEY, "SITE.key", N_("the site's key, for a sealed package (.age)")},
	CLI_OPT_QUIET,
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_verify = {
	"verify", run_verify, N_("check a file's minisign signature"),
	"FILE --pub NAME.pub [--sig FILE.minisig] [--key SITE.key] [-q]",
	N_("Check FILE against its detached signature (FILE.minisig) and the\n"
	   "public key: made by tiku or by minisign, prehashed or legacy.  A\n"
	   "package (tiku pack) is checked whole, in memory, writing nothing: the\n"
	   "detached and the inner signature, every file against the manifest, no\n"
	   "file missing or extra; archives with absolute paths, '..', links,\n"
	   "devices, repeated names, entries over the size limits or a bomb's\n"
	   "compression ratio are refused outright.  A sealed package (X.zip.age,\n"
	   "from tiku pack --seal-to) is decrypted in memory with the site's key\n"
	   "(--key SITE.key), then checked the same way; its signature is\n"
	   "X.zip.minisig, of the package inside.  Prints the trusted comment.\n"
	   "Exit 0 when the signature and the trusted comment hold, 1 when not\n"
	   "(changed, or another key), 3 for a malformed key or signature file.\n"),
	verify_opts, NULL, 0
};

/* ---- pack -------------------------------------------------------------- */

struct packed {
	int np, sealed;
};

/* What tiku pack says of each package it wrote. */
static void packed(void *ud, const char *path, const char *sigpath, int content, size_t len)
{
	const struct packed *o = ud;
	const char *what;
	char papers[64];

	if (content == TK_PACK_KEY)
		what = o->sealed ? _("answer key package, sealed") : _("answer key package");
	else
		what = o->sealed ? _("paper package, sealed") : _("paper package");
	snprintf(papers, sizeof papers, dngettext(TK_DOMAIN, "%d paper", "%d papers",
						  (unsigned long)o->np), o->np);
	printf(_("%s (%s, %s, %zu bytes) and %s\n"), path, what, papers, len, sigpath);
}

/*
 * The packages' names from -o: NAME or NAME.EXT gives NAME.EXT and
 * NAME-key.EXT; -o NAME.tar.gz means --format tar.gz when none is
 * given, and sealed, -o NAME.EXT.age names what is written too.
 */
static int pack_names(const struct cli_cmd *cmd, const char *out, const char *format,
		      int sealed, int *fmt, char **paper, char **key)
{
	char *base = tk_strdup(out);
	const char *ext;
	int rc;

	if (base == NULL)
		return TK_EINTERNAL;
	if (sealed && cli_has_ext(base, ".age"))
		base[strlen(base) - 4] = '\0';
	if (format == NULL)
		format = cli_has_ext(base, ".tar.gz") ? "tar.gz" : "zip";
	if (!strcmp(format, "zip")) {
		*fmt = TK_PACK_ZIP;
		ext = ".zip";
	} else if (!strcmp(format, "tar.gz")) {
		*fmt = TK_PACK_TGZ;
		ext = ".tar.gz";
	} else {
		free(base);
		return cli_usage(cmd, "--format zip or tar.gz, not '%s'", format);
	}
	/* a name for the other format (--format zip -o x.tar.gz) is a usage error */
	rc = cli_out_pair(cmd, base, ext, paper, key);
	free(base);
	return rc;
}

/* One run of tiku pack: what it packs, and where. */
struct pack_run {
	struct tk_bank *b;
	struct tk_paper **papers;
	int np, cap;
	const char *batch, *site, *paper_path, *key_path;
	const struct tk_pack_job *job;
	const struct tk_seckey *sk;
	struct packed said;
	int progress;           /* on a terminal: say how far */
};

/* The batch's state (new, generated, committed) to state; "" if unknown. */
static int find_state(void *ud, const char *id, const char *state, int forms,
		      const char *name)
{
	char **w = ud;

	(void)forms;
	(void)name;
	if (strcmp(id, w[0]))
		return 0;
	snprintf(w[1], 16, "%s", state);
	return 1;
}

/* Packing a batch before its commit: its forms can still change. */
static void warn_uncommitted(struct tk_bank *b, const char *batch)
{
	struct tk_error err = {0};
	char state[16] = "", *w[2];

	w[0] = (char *)batch;
	w[1] = state;
	if (batch == NULL || tk_batch_list(b, find_state, w, &err) != TK_OK)
		return;
	if (state[0] && strcmp(state, "committed"))
		fprintf(stderr, _("tiku pack: warning: batch %s is not committed: its forms can "
				  "still change (tiku batch commit %s)\n"), batch, batch);
}

/* Take back the packages of a run whose audit could not be kept. */
static void unpack(const struct pack_run *r)
{
	struct tk_buf p = TK_BUF_INIT;
	int k;

	for (k = 0; k < 2; k++) {
		tk_buf_reset(&p);
		tk_buf_printf(&p, "%s%s", k ? r->key_path : r->paper_path,
			      r->job->nsites ? ".age" : "");
		if (!p.oom)
			unlink(p.s);
		tk_buf_reset(&p);
		tk_buf_printf(&p, "%s.minisig", k ? r->key_path : r->paper_path);
		if (!p.oom)
			unlink(p.s);
	}
	tk_buf_free(&p);
}

/* The packing and sealing, in the audit of official work (a command is open). */
static int pack_audit(struct pack_run *r, struct tk_error *err)
{
	struct tk_buf what = TK_BUF_INIT;
	const struct tk_paper *p = r->papers[0];
	int rc;

	tk_buf_printf(&what, "%s and %s: %d paper%s", r->paper_path, r->key_path, r->np,
		      r->np == 1 ? "" : "s");
	if (r->site)
		tk_buf_printf(&what, " of site %s", r->site);
	rc = what.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
	     tk_bank_audit_event(r->b, "pack", r->batch ? r->batch : p->batch, what.s,
				 p->bank_digest, p->blueprint_digest, err);
	if (rc == TK_OK && r->job->nsites) {
		tk_buf_reset(&what);
		tk_buf_printf(&what, "%s.age and %s.age sealed to %d site key%s%s%s",
			      r->paper_path, r->key_path, r->job->nsites,
			      r->job->nsites == 1 ? "" : "s", r->site ? ", site " : "",
			      r->site ? r->site : "");
		rc = what.oom ? tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory") :
		     tk_bank_audit_event(r->b, "seal", r->batch ? r->batch : p->batch, what.s,
					 p->bank_digest, p->blueprint_digest, err);
	}
	tk_buf_free(&what);
	return rc;
}

/* Write the two packages, the papers validated first (all four files or none). */
static int pack_out(struct pack_run *r, struct tk_error *err)
{
	if (r->progress)
		fprintf(stderr, _("packing %d papers and their keys ...\n"), r->np);
	return tk_pack_write_as((const struct tk_paper *const *)r->papers, r->np, r->job, r->sk,
				r->paper_path, r->key_path, packed, &r->said, err);
}

/*
 * tk_batch_candidates' callback for --site: each paper kept (a copy: the
 * one given lives for the call); on the final call the packages are
 * written and the run audited, so that the candidates' audit commits only
 * once the packages exist.
 */
static int site_paper(void *ud, const struct tk_candidate *c, const struct tk_paper *p,
		      const struct tk_buf *key, struct tk_error *err)
{
	struct pack_run *r = ud;
	int rc = TK_OK;

	(void)key;
	if (c == NULL) {
		if ((rc = pack_out(r, err)) == TK_OK && (rc = pack_audit(r, err)) != TK_OK)
			unpack(r);
		return rc;
	}
	if (r->np == r->cap) {
		int cap = r->cap ? r->cap * 2 : 64;
		struct tk_paper **v = realloc(r->papers, (size_t)cap * sizeof *v);
		if (v == NULL)
			return tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
		r->papers = v;
		r->cap = cap;
	}
	if ((r->papers[r->np] = tk_paper_dup(p)) == NULL)
		rc = tk_error_set(err, TK_EINTERNAL, NULL, 0, "out of memory");
	else
		r->np++;
	if (rc == TK_OK && r->progress && (r->np % 50 == 0 || r->np == r->said.np)) {
		fprintf(stderr, "\r");
		fprintf(stderr, _("candidates: %d of %d"), r->np, r->said.np);
		fputs(r->np == r->said.np ? "\n" : "", stderr);
	}
	return rc;
}

/* The candidates of the roster who sit at site, to the front of v. */
static int site_candidates(const struct cli_cmd *cmd, const char *roster, const char *site,
			   struct tk_candidate **v, int *n, char **store)
{
	struct tk_error err = {0};
	int i, k = 0;

	if (tk_roster_read(roster, v, n, store, &err) != TK_OK)
		return cli_fail(&err);
	for (i = 0; i < *n; i++)
		if (!strcmp((*v)[i].site, site))
			(*v)[k++] = (*v)[i];
	if (k == 0)
		return cli_usage(cmd, _("no candidate of the roster sits at site '%s'"), site);
	*n = k;
	return TK_OK;
}

static int run_pack(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_seckey sk;
	struct tk_diags d = TK_DIAGS_INIT;
	struct tk_candidate *cands = NULL;
	unsigned char sites[TK_SEAL_MAX_RECIPIENTS][32];
	const char *key = NULL, *pfile = NULL, *out = NULL, *format = NULL, *roster = NULL;
	char *dir = NULL, *paper_path = NULL, *key_path = NULL, *store = NULL;
	struct tk_pack_job job;
	struct pack_run r;
	struct cli_images images;
	int c, rc = TK_OK, fmt = TK_PACK_ZIP, i, have_key = 0, nsites = 0, legacy = 0, nc = 0;

	memset(&r, 0, sizeof r);
	memset(&job, 0, sizeof job);
	cli_images_init(&images, NULL);
	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_KEY: key = optarg; break;
		case CLI_K_PASSFILE: pfile = optarg; break;
		case 'o': out = optarg; break;
		case K_BATCH: r.batch = optarg; break;
		case K_SITE: r.site = optarg; break;
		case CLI_K_ROSTER: roster = optarg; break;
		case K_LEGACY: legacy = 1; break;
		case CLI_K_FORMAT: format = optarg; break;
		case K_SEAL_TO:
			if (nsites == TK_SEAL_MAX_RECIPIENTS)
				return cli_usage(cmd, "at most %d sites to seal to",
						 TK_SEAL_MAX_RECIPIENTS);
			if (tk_seal_read_recipient(optarg, sites[nsites], &err) != TK_OK)
				return cli_fail(&err);
			nsites++;
			break;
		default: return CLI_RESULT(c);
		}
	}
	if (r.batch && optind < argc)
		return cli_usage(cmd, "--batch or a paper, not both");
	if (!r.batch && optind >= argc)
		return cli_usage(cmd, "no paper to pack (or --batch ID)");
	if (optind + 1 < argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	if (key == NULL)
		return cli_usage(cmd, "name the secret key with --key NAME.key");
	if (out == NULL)
		return cli_usage(cmd, "name the packages with -o NAME");
	if ((r.site || roster) && !(r.site && roster && r.batch))
		return cli_usage(cmd, "%s", _("--site needs --batch and --roster, and --roster "
					      "--site"));
	if (r.site && nsites == 0)
		return cli_usage(cmd, "%s", _("--site packs are sealed: name the site's key with "
					      "--seal-to SITE.pub"));
	if ((rc = pack_names(cmd, out, format, nsites > 0, &fmt, &paper_path, &key_path)) != TK_OK)
		return rc;
	if (r.site && (rc = site_candidates(cmd, roster, r.site, &cands, &nc, &store)) != TK_OK)
		goto out;
	/* the bank: every paper is validated against it, and the run audited there */
	if ((rc = cli_open_bank(TK_BANK_READ, &r.b)) != TK_OK)
		goto out;
	if (r.batch) {
		if (!r.site && (rc = tk_batch_forms(r.b, r.batch, &r.papers, &r.np, &err)) != TK_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		/* the images are found from where tiku runs */
		dir = tk_strdup(".");
	} else {
		/* the paper's images are beside it */
		dir = cli_dir_of(argv[optind]);
		if ((r.papers = calloc(1, sizeof *r.papers)) == NULL || dir == NULL) {
			rc = TK_EINTERNAL;
			goto out;
		}
		if ((rc = tk_paper_load(argv[optind], &r.papers[0], &d, &err)) != TK_OK) {
			tk_diags_print(&d, stderr);
			if (d.n == 0)
				cli_fail(&err);
			goto out;
		}
		r.np = 1;
	}
	warn_uncommitted(r.b, r.batch ? r.batch : r.papers[0]->batch);
	if ((rc = cli_read_secret(key, pfile, &sk, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	have_key = 1;
	job.bank = r.b;         /* every paper validated against it first */
	job.format = fmt | (legacy ? TK_PACK_LEGACY : 0);
	job.images = dir;
	/* the bank's images through a handle of its own: the thread that
	   renders the keys asks for them while this one works on the bank */
	job.store = &images.store;
	job.sites = (const unsigned char (*)[32])sites;
	job.nsites = nsites;
	/* a site prints its candidates' papers in roster order: one PDF */
	job.combined = r.site != NULL;
	r.job = &job;
	r.sk = &sk;
	r.paper_path = paper_path;
	r.key_path = key_path;
	r.said.sealed = nsites > 0;
	r.progress = isatty(STDERR_FILENO);
	if (r.site) {
		/* the site's candidates' papers, made as batch papers makes them */
		r.said.np = nc;
		rc = tk_batch_candidates(r.b, r.batch, cands, nc, site_paper, &r, &err);
	} else {
		r.said.np = r.np;
		/* the packages exist before the audit says so; if it cannot, they go */
		if ((rc = pack_out(&r, &err)) == TK_OK) {
			if ((rc = tk_bank_begin(r.b, "pack", r.batch, &err)) == TK_OK) {
				if ((rc = pack_audit(&r, &err)) == TK_OK)
					rc = tk_bank_commit(r.b, &err);
				else
					tk_bank_rollback(r.b);
			}
			if (rc != TK_OK)
				unpack(&r);
		}
	}
	if (rc != TK_OK)
		rc = cli_fail(&err);
out:
	if (have_key)
		tk_sign_wipe(&sk);
	tk_diags_free(&d);
	free(dir);
	free(paper_path);
	free(key_path);
	for (i = 0; i < r.np; i++)
		tk_paper_free(r.papers[i]);
	free(r.papers);
	free(cands);
	free(store);
	cli_images_release(&images);
	cli_close_bank(r.b);
	return rc;
}

static const struct cli_opt pack_opts[] = {
	CLI_OPT_SECKEY,
	CLI_OPT_OUTPUT(N_("the packages: NAME.zip and NAME-key.zip")),
	{"format", CLI_K_FORMAT, "F", N_("zip or tar.gz (default: as -o says, else zip)")},
	CLI_OPT_PASSFILE,
	{"seal-to", K_SEAL_TO, "SITE.pub", N_("encrypt to this site's key (repeatable)")},
	{"batch", K_BATCH, "ID", N_("pack a batch's forms (from the bank), not a paper file")},
	{"site", K_SITE, "NAME", N_("with --batch: the papers of this site's candidates")},
	CLI_OPT_ROSTER,
	OPT_LEGACY,
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_pack = {
	"pack", run_pack, N_("a signed package of a paper for exam sites"),
	"PAPER.xml --key NAME.key -o NAME [--format zip|tar.gz] [options]\n"
	"--batch ID --key NAME.key -o NAME [options]\n"
	"--batch ID --site NAME --roster roster.csv --seal-to SITE.pub --key NAME.key -o NAME",
	N_("Write NAME.zip, the paper package (manifest.xml, its signature, the\n"
	   "paper XML and its PDF), and NAME-key.zip, the answer key's package:\n"
	   "papers and keys never travel together.  -o NAME.zip names the same\n"
	   "pair; -o NAME.tar.gz means --format tar.gz.  The manifest names\n"
	   "standard, level, kind, batch, form, seed, bank and blueprint digests\n"
	   "and the tool, and every file with its size and SHA-256; it is signed\n"
	   "inside the package, and each package gets a detached signature\n"
	   "NAME.zip.minisig that 'minisign -V' accepts.  The same paper gives the\n"
	   "same package bytes.  All four files are written, or none.  Sites\n"
	   "check a package with tiku verify.\n\n"
	   "Every paper is first validated against the bank, the standard and\n"
	   "its blueprint, as tiku validate does; an invalid one (an answer\n"
	   "changed, an item the bank does not have) is refused with exit 3 and\n"
	   "nothing is written.  Packing a batch that is not committed warns that\n"
	   "its forms can still change.  Each pack, and each sealing, is in the\n"
	   "audit that tiku log prints.\n\n"
	   "--batch packs a batch's forms (from the bank) in one package, and\n"
	   "their keys in another.  With --site NAME and --roster, it packs the\n"
	   "papers of the candidates the roster seats at that site (its 考点\n"
	   "column), made as batch papers makes them: each paper's XML and one\n"
	   "PDF of them all in roster order (papers.pdf), what the site prints;\n"
	   "and apart their keys (keys.pdf); both sealed to the site's key\n"
	   "(--seal-to SITE.pub, required).  On a terminal it says how far it\n"
	   "is.  --legacy makes the detached signatures in\n"
	   "minisign's legacy mode, which signify -V also verifies.\n"
	   "With --seal-to (repeatable) the packages are encrypted to the sites'\n"
	   "keys (tiku keygen --seal) in the age format: NAME.zip.age, opened with\n"
	   "'age -d -i SITE.key' or tiku open --key; the signatures are of the\n"
	   "packages inside.\n"),
	pack_opts, NULL, 0
};

/* ---- open -------------------------------------------------------------- */

static int run_open(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct tk_error err = {0};
	struct tk_pubkey pk;
	struct tk_buf sp = TK_BUF_INIT, plain = TK_BUF_INIT;
	struct tk_unpack_file *files = NULL;
	const char *pub = NULL, *sigpath = NULL, *out = NULL, *file, *sitekey = NULL;
	char *data = NULL, *sig = NULL, *trusted = NULL, *dir = NULL, *parent = NULL;
	size_t len, slen, n;
	int c, rc, nf = 0;

	while ((c = cli_next(cmd, argc, argv)) != CLI_DONE) {
		switch (c) {
		case CLI_K_KEY: sitekey = optarg; break;
		case K_PUB: pub = optarg; break;
		case K_SIG: sigpath = optarg; break;
		case 'o': out = optarg; break;
		default: return CLI_RESULT(c);
		}
	}
	if (optind >= argc)
		return cli_usage(cmd, "no package to open");
	if (optind + 1 < argc)
		return cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
	if (pub == NULL)
		return cli_usage(cmd, "name the public key with --pub NAME.pub");
	if (out == NULL)
		return cli_usage(cmd, "name the new directory with -o DIR");
	/* DIR/ is DIR: the files are renamed into place as one directory */
	if ((dir = tk_strdup(out)) == NULL)
		return TK_EINTERNAL;
	for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	file = argv[optind];
	tk_pack_sig_path(file, &sp);
	if ((rc = tk_sign_read_pub(pub, &pk, &err)) == TK_OK &&
	    (rc = tk_read_file(file, &data, &len, &err)) == TK_OK &&
	    (rc = tk_read_file(sigpath ? sigpath : sp.s, &sig, &slen, &err)) == TK_OK &&
	    (rc = tk_pack_unseal(sitekey, data, len, &plain, &err)) == TK_OK)
		rc = tk_pack_verify(plain.s ? plain.s : data, plain.s ? plain.len : len, sig, slen,
				    &pk, NULL, &trusted, &files, &nf, &err);
	if (rc != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	/* only a package that holds gets its directory's parents made */
	if ((parent = tk_strdup(dir)) == NULL) {
		rc = TK_EINTERNAL;
		goto out;
	}
	if ((rc = cli_out_dir(dirname(parent))) != TK_OK)
		goto out;
	if ((rc = tk_pack_extract(dir, files, nf, &err)) != TK_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	printf(_("%s: package good; %d files in %s\n"), file, nf, dir);
	printf(_("trusted comment: %s\n"), trusted);
out:
	tk_unpack_free(files, nf);
	free(trusted);
	free(data);
	free(sig);
	free(dir);
	free(parent);
	tk_buf_free(&sp);
	if (plain.s)
		tk_sign_wipe_bytes(plain.s, plain.len);
	tk_buf_free(&plain);
	return rc;
}

static const struct cli_opt open_opts[] = {
	OPT_PUB,
	CLI_OPT_OUTPUT(N_("the new directory for the files (must not exist; parents are made)")),
	{"sig", K_SIG, "FILE", N_("the package's signature (default PACKAGE.minisig)")},
	{"key", CLI_K_KEY, "SITE.key", N_("the site's key, for a sealed package (.age)")},
	CLI_OPT_END
};

const struct cli_cmd cli_cmd_open = {
	"open", run_open, N_("verify a package, then unpack it safely"),
	"PACKAGE --pub NAME.pub -o DIR [--sig PACKAGE.minisig] [--key SITE.key]",
	N_("Verify the package as tiku verify does, in memory; only when all holds\n"
	   "write its files into DIR, which must not exist yet (its parents are\n"
	   "made; the files appear there all at once).  A package that fails\n"
	   "writes nothing.\n\n"
	   "A sealed package (PACKAGE.age, from tiku pack --seal-to) is first\n"
	   "decrypted in memory with the site's key (--key; age's format, so\n"
	   "'age -d -i SITE.key' opens it too).\n"),
	open_opts, NULL, 0
};
