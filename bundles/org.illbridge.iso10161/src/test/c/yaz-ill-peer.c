/*
 * yaz-ill-peer: a small ISO 10161 peer built on YAZ's own ILL code (libyaz), used by the tests as
 * the "other side" of the bridge. Written for ILL Bridge (not derived from yaz-illclient.c).
 *
 * It builds one APDU with libyaz (ill_get_APDU() for ILL-Request and Cancel, the same builder
 * yaz-illclient uses, reading parameters in yaz-illclient's "ill,item-id,title=..." form; the
 * header of Received / Returned / Status-Query / Message comes from the same builder), encodes it
 * with ODR (ill_APDU), sends it over TCP, then reads the answer (if any), decodes it with libyaz
 * and prints a one-line summary on stdout.
 *
 * Build:  gcc -o target/yaz-ill-peer src/test/c/yaz-ill-peer.c $(pkg-config --cflags --libs yaz)
 *   (plain "-lyaz" is enough on Debian with libyaz-dev installed)
 *
 * Usage:  yaz-ill-peer [options] [tcp:]host:port     (host "-" with -o: encode only, no network)
 *   -f FILE          parameters, one "key=value" a line (yaz-illclient's format; '#' comments)
 *   -D KEY=VALUE     one parameter; wins over -f. The "ill," prefix of KEY may be left out.
 *   --apdu TYPE      request (default) | cancel | received | returned | status-query | message
 *   --expect-reply   an answer must arrive within the timeout (default)
 *   --no-reply       no answer may arrive within the timeout (the connection may close)
 *   -t SECONDS       connect and read timeout, decimals allowed (default 5)
 *   -o FILE          also write the encoded APDU to FILE
 *
 * Parameters beyond ill_get_ILLRequest's own: date-received, date-returned (default today),
 * shipped-service-type (1 = loan), note (Status-Query / Message note; Message needs one).
 * Defaults: ISO date/time of this service = now (UTC), ill-service-type 1 (loan), requester
 * PEER-REQ, responder PEER-RESP, transaction-qualifier PEER-0001, title "Test item".
 *
 * stdout: one line, e.g.
 *   Status-Or-Error-Report tid=GRP/T-1 requester=A responder=B
 *     error=provider transaction-id-problem=unknown-transaction-id note="No such loan"
 *   (on one line), or "no reply" / "no reply (connection closed)".
 * Exit: 0 ok, 1 usage or encoding error, 2 the answer did not decode with libyaz (or was
 * truncated / too large), 3 connection problem or no answer within the timeout (--expect-reply),
 * 4 an answer arrived although --no-reply was given (it is still decoded and printed).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <yaz/odr.h>
#include <yaz/ill.h>

#define MAX_REPLY (1 << 20)
#define MAX_PARAMS 512

/* ---------- parameters (key=value, looked up by libyaz's ill_get_* through get_param) ------- */

struct param { char *key; char *value; };
static struct param params[MAX_PARAMS];
static int n_params;
static char today[9], now_time[7];

static void add_param(const char *kv, const char *where) {
    const char *eq = strchr(kv, '=');
    const char *prefix = strncmp(kv, "ill,", 4) == 0 || strncmp(kv, "ill=", 4) == 0 ? "" : "ill,";
    size_t klen;
    if (!eq || eq == kv) {
        fprintf(stderr, "yaz-ill-peer: %s: not key=value: %s\n", where, kv);
        exit(1);
    }
    if (n_params == MAX_PARAMS) {
        fprintf(stderr, "yaz-ill-peer: more than %d parameters\n", MAX_PARAMS);
        exit(1);
    }
    klen = strlen(prefix) + (size_t) (eq - kv);
    params[n_params].key = malloc(klen + 1);
    params[n_params].value = strdup(eq + 1);
    if (!params[n_params].key || !params[n_params].value) {
        perror("yaz-ill-peer");
        exit(1);
    }
    snprintf(params[n_params].key, klen + 1, "%s%.*s", prefix, (int) (eq - kv), kv);
    n_params++;
}

static void read_param_file(const char *path) {
    char line[4096];
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "yaz-ill-peer: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    while (fgets(line, sizeof(line), f)) {
        char *p = line;
        size_t n = strlen(p);
        while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r'))
            p[--n] = '\0';
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        add_param(p, path);
    }
    fclose(f);
}

static const char *defaults[][2] = {
    {"ill,transaction-id,transaction-qualifier", "PEER-0001"},
    {"ill,requester-id,person-or-institution-symbol,institution", "PEER-REQ"},
    {"ill,responder-id,person-or-institution-symbol,institution", "PEER-RESP"},
    {"ill,ill-service-type", "1"},
    {"ill,item-id,title", "Test item"},
    {"ill,shipped-service-type", "1"},
};

/* Later parameters win (-D entries are added after the -f file). */
static const char *get_param(void *client_data, const char *key) {
    int i;
    (void) client_data;
    for (i = n_params - 1; i >= 0; i--)
        if (strcmp(params[i].key, key) == 0)
            return params[i].value;
    if (strcmp(key, "ill,service-date-time,this,date") == 0 || strcmp(key, "ill,date-received") == 0
        || strcmp(key, "ill,date-returned") == 0)
        return today;
    if (strcmp(key, "ill,service-date-time,this,time") == 0)
        return now_time;
    for (i = 0; i < (int) (sizeof(defaults) / sizeof(defaults[0])); i++)
        if (strcmp(defaults[i][0], key) == 0)
            return defaults[i][1];
    return 0;
}

/* ---------- building the APDU ---------- */

static ILL_String *param_string(ODR o, const char *key) {
    const char *v = get_param(0, key);
    ILL_String *s;
    if (!v)
        return 0;
    s = odr_malloc(o, sizeof(*s));
    s->which = ILL_String_GeneralString;
    s->u.GeneralString = odr_strdup(o, v);
    return s;
}

static ILL_APDU *build(ODR o, const char *type) {
    struct ill_get_ctl ctl;
    ILL_APDU *apdu;
    ILL_Cancel *h;
    ctl.odr = o;
    ctl.clientData = 0;
    ctl.f = get_param;
    if (strcmp(type, "request") == 0 || strcmp(type, "cancel") == 0) {
        add_param(strcmp(type, "request") == 0 ? "ill,which=request" : "ill,which=cancel", "--apdu");
        return ill_get_APDU(&ctl, "ill", 0);
    }
    /* libyaz builds only ILL-Request and Cancel from parameters; the other APDUs share their
       first five components, so they take them from a Cancel built by libyaz. */
    h = ill_get_Cancel(&ctl, "ill", 0);
    apdu = odr_malloc(o, sizeof(*apdu));
    if (strcmp(type, "received") == 0) {
        ILL_Received *r = odr_malloc(o, sizeof(*r));
        memset(r, 0, sizeof(*r));
        r->protocol_version_num = h->protocol_version_num;
        r->transaction_id = h->transaction_id;
        r->service_date_time = h->service_date_time;
        r->requester_id = h->requester_id;
        r->responder_id = h->responder_id;
        r->date_received = odr_strdup(o, get_param(0, "ill,date-received"));
        r->shipped_service_type = odr_intdup(o, atoi(get_param(0, "ill,shipped-service-type")));
        r->requester_note = h->requester_note;
        apdu->which = ILL_APDU_Received;
        apdu->u.Received = r;
    } else if (strcmp(type, "returned") == 0) {
        ILL_Returned *r = odr_malloc(o, sizeof(*r));
        memset(r, 0, sizeof(*r));
        r->protocol_version_num = h->protocol_version_num;
        r->transaction_id = h->transaction_id;
        r->service_date_time = h->service_date_time;
        r->requester_id = h->requester_id;
        r->responder_id = h->responder_id;
        r->date_returned = odr_strdup(o, get_param(0, "ill,date-returned"));
        r->requester_note = h->requester_note;
        apdu->which = ILL_APDU_Returned;
        apdu->u.Returned = r;
    } else if (strcmp(type, "status-query") == 0) {
        ILL_Status_Query *r = odr_malloc(o, sizeof(*r));
        memset(r, 0, sizeof(*r));
        r->protocol_version_num = h->protocol_version_num;
        r->transaction_id = h->transaction_id;
        r->service_date_time = h->service_date_time;
        r->requester_id = h->requester_id;
        r->responder_id = h->responder_id;
        r->note = param_string(o, "ill,note");
        apdu->which = ILL_APDU_Status_Query;
        apdu->u.Status_Query = r;
    } else if (strcmp(type, "message") == 0) {
        ILL_Message *r = odr_malloc(o, sizeof(*r));
        memset(r, 0, sizeof(*r));
        r->protocol_version_num = h->protocol_version_num;
        r->transaction_id = h->transaction_id;
        r->service_date_time = h->service_date_time;
        r->requester_id = h->requester_id;
        r->responder_id = h->responder_id;
        r->note = param_string(o, "ill,note");
        if (!r->note) {
            fprintf(stderr, "yaz-ill-peer: --apdu message needs -D note=TEXT\n");
            exit(1);
        }
        apdu->which = ILL_APDU_Message;
        apdu->u.Message = r;
    } else {
        fprintf(stderr, "yaz-ill-peer: unknown --apdu %s\n", type);
        exit(1);
    }
    return apdu;
}

/* ---------- the one-line summary of a decoded APDU ---------- */

static const char *apdu_names[] = {
    "?", "ILL-Request", "Forward-Notification", "Shipped", "ILL-Answer", "Conditional-Reply",
    "Cancel", "Cancel-Reply", "Received", "Recall", "Returned", "Checked-In", "Overdue", "Renew",
    "Renew-Answer", "Lost", "Damaged", "Message", "Status-Query", "Status-Or-Error-Report",
    "Expired"};
/* APDU-Type (used in state-transition-prohibited) has the same numbering, in lower case */
static const char *apdu_type_names[] = {
    "?", "ill-request", "forward-notification", "shipped", "ill-answer", "conditional-reply",
    "cancel", "cancel-reply", "received", "recall", "returned", "checked-in", "overdue", "renew",
    "renew-answer", "lost", "damaged", "message", "status-query", "status-or-error-report",
    "expired"};
static const char *general_problems[] = {
    "?", "unrecognized-apdu", "mistyped-apdu", "badly-structured-apdu",
    "protocol-version-not-supported", "other"};
static const char *tid_problems[] = {
    "?", "duplicate-transaction-id", "invalid-transaction-id", "unknown-transaction-id"};
static const char *unable_to_perform[] = {"?", "not-available", "resource-limitation", "other"};
static const char *current_states[] = {
    "?", "not-supplied", "pending", "in-process", "forward", "conditional", "cancel-pending",
    "cancelled", "shipped", "received", "renew-pending", "not-received-overdue", "renew-overdue",
    "overdue", "returned", "checked-in", "recall", "lost", "unknown"};

#define NAME(table, v) ((v) >= 1 && (v) < (Odr_int) (sizeof(table) / sizeof(table[0])) \
                        ? table[v] : "?")

static void put_quoted(const char *s) {
    putchar('"');
    for (; *s; s++) {
        unsigned char c = (unsigned char) *s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static const char *str(const ILL_String *s) {
    if (!s)
        return 0;
    return s->which == ILL_String_GeneralString ? s->u.GeneralString : s->u.EDIFACTString;
}

static void put_system_id(const char *label, const ILL_System_Id *id) {
    const ILL_Person_Or_Institution_Symbol *sym = id ? id->person_or_institution_symbol : 0;
    const char *v;
    if (!sym)
        return;
    v = str(sym->which == ILL_Person_Or_Institution_Symbol_person_symbol
            ? sym->u.person_symbol : sym->u.institution_symbol);
    if (v)
        printf(" %s=%s", label, v);
}

static void put_note(const char *label, const ILL_String *s) {
    if (s && str(s)) {
        printf(" %s=", label);
        put_quoted(str(s));
    }
}

/* Every APDU starts with the same five components (common initial sequence of the structs). */
struct header {
    Odr_int *protocol_version_num;
    ILL_Transaction_Id *transaction_id;
    ILL_Service_Date_Time *service_date_time;
    ILL_System_Id *requester_id;
    ILL_System_Id *responder_id;
};

static void summarise(const ILL_APDU *apdu) {
    const struct header *h = (const struct header *) apdu->u.illRequest;
    printf("%s", NAME(apdu_names, apdu->which));
    if (h && h->transaction_id) {
        const ILL_Transaction_Id *t = h->transaction_id;
        printf(" tid=%s/%s", str(t->transaction_group_qualifier) ? str(t->transaction_group_qualifier) : "",
               str(t->transaction_qualifier) ? str(t->transaction_qualifier) : "");
        if (str(t->sub_transaction_qualifier))
            printf("/%s", str(t->sub_transaction_qualifier));
    }
    if (h) {
        put_system_id("requester", h->requester_id);
        put_system_id("responder", h->responder_id);
    }
    switch (apdu->which) {
    case ILL_APDU_ILL_Request:
        if (apdu->u.illRequest->item_id) {
            put_note("title", apdu->u.illRequest->item_id->title);
            put_note("author", apdu->u.illRequest->item_id->author);
        }
        break;
    case ILL_APDU_ILL_Answer:
        printf(" transaction-results=%lld", (long long) *apdu->u.illAnswer->transaction_results);
        put_note("note", apdu->u.illAnswer->responder_note);
        break;
    case ILL_APDU_Status_Or_Error_Report: {
        const ILL_Status_Or_Error_Report *r = apdu->u.Status_Or_Error_Report;
        if (r->status_report && r->status_report->provider_status_report)
            printf(" current-state=%s", NAME(current_states, *r->status_report->provider_status_report));
        if (r->error_report) {
            const ILL_Error_Report *e = r->error_report;
            printf(" error=%s", *e->report_source == ILL_Report_Source_provider ? "provider" : "user");
            if (e->provider_error_report) {
                const ILL_Provider_Error_Report *p = e->provider_error_report;
                if (p->which == ILL_Provider_Error_Report_general_problem)
                    printf(" general-problem=%s", NAME(general_problems, *p->u.general_problem));
                else if (p->which == ILL_Provider_Error_Report_transaction_id_problem)
                    printf(" transaction-id-problem=%s", NAME(tid_problems, *p->u.transaction_id_problem));
                else if (p->which == ILL_Provider_Error_Report_state_transition_prohibited)
                    printf(" state-transition-prohibited=%s current-state=%s",
                           NAME(apdu_type_names, *p->u.state_transition_prohibited->aPDU_type),
                           NAME(current_states, *p->u.state_transition_prohibited->current_state));
            }
            if (e->user_error_report) {
                const ILL_User_Error_Report *u = e->user_error_report;
                if (u->which == ILL_User_Error_Report_unable_to_perform)
                    printf(" unable-to-perform=%s", NAME(unable_to_perform, *u->u.unable_to_perform));
                else if (u->which == ILL_User_Error_Report_already_forwarded)
                    printf(" already-forwarded");
                else if (u->which == ILL_User_Error_Report_intermediary_problem)
                    printf(" intermediary-problem=%lld", (long long) *u->u.intermediary_problem);
                else if (u->which == ILL_User_Error_Report_security_problem)
                    printf(" security-problem");
            }
            put_note("correlation", e->correlation_information);
        }
        put_note("note", r->note);
        break;
    }
    case ILL_APDU_Message:
        put_note("note", apdu->u.Message->note);
        break;
    default:
        break;
    }
    putchar('\n');
}

/* ---------- network (plain POSIX sockets; completeBER from libyaz frames the answer) ---------- */

static double deadline_ms;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int remaining_ms(void) {
    double r = deadline_ms - now_ms();
    return r <= 0 ? 0 : (int) r + 1;
}

static int wait_for(int fd, short events) {
    struct pollfd p;
    int n;
    p.fd = fd;
    p.events = events;
    do {
        n = poll(&p, 1, remaining_ms());
    } while (n < 0 && errno == EINTR);
    return n; /* 0: timed out */
}

static int connect_to(const char *host, const char *port) {
    struct addrinfo hints, *res, *ai;
    int fd = -1, rc;
    memset(&hints, 0, sizeof(hints));
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
        fprintf(stderr, "yaz-ill-peer: %s: %s\n", host, gai_strerror(rc));
        return -1;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int err = 0;
        socklen_t len = sizeof(err);
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0)
            continue;
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
            break;
        if (errno == EINPROGRESS && wait_for(fd, POLLOUT) > 0
            && getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0)
            break;
        fprintf(stderr, "yaz-ill-peer: connect %s:%s: %s\n", host, port,
                err ? strerror(err) : errno == EINPROGRESS ? "timed out" : strerror(errno));
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    return fd;
}

static int send_all(int fd, const char *buf, int len) {
    while (len > 0) {
        ssize_t n = send(fd, buf, (size_t) len, 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            if (wait_for(fd, POLLOUT) <= 0)
                return -1;
            continue;
        }
        if (n <= 0)
            return -1;
        buf += n;
        len -= (int) n;
    }
    return 0;
}

/* Reads one BER APDU: returns its length, 0 when the peer sent nothing (timeout or close),
   -1 on a read error, -2 when data was cut short or too large. *closed tells a close apart. */
static int read_apdu(int fd, char *buf, int *closed) {
    int len = 0;
    *closed = 0;
    for (;;) {
        ssize_t n;
        int whole;
        if (wait_for(fd, POLLIN) == 0)
            return len == 0 ? 0 : -2;
        n = recv(fd, buf + len, (size_t) (MAX_REPLY - len), 0);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n < 0)
            return len == 0 ? -1 : -2;
        if (n == 0) {
            *closed = 1;
            return len == 0 ? 0 : -2;
        }
        len += (int) n;
        whole = completeBER(buf, len);
        if (whole > 0)
            return whole;
        if (len == MAX_REPLY)
            return -2;
    }
}

static int parse_addr(const char *arg, char *host, size_t hsize, const char **port) {
    const char *a = strncmp(arg, "tcp:", 4) == 0 ? arg + 4 : arg;
    const char *colon = strrchr(a, ':');
    size_t n;
    if (!colon || !colon[1])
        return -1;
    n = (size_t) (colon - a);
    if (n >= 2 && a[0] == '[' && a[n - 1] == ']') { /* [::1]:port */
        a++;
        n -= 2;
    }
    if (n == 0 || n >= hsize)
        return -1;
    memcpy(host, a, n);
    host[n] = '\0';
    *port = colon + 1;
    return 0;
}

static void usage(void) {
    fprintf(stderr,
            "usage: yaz-ill-peer [-f FILE] [-D KEY=VALUE]... [--apdu request|cancel|received|"
            "returned|status-query|message]\n"
            "                    [--expect-reply|--no-reply] [-t SECONDS] [-o FILE] [tcp:]host:port\n");
    exit(1);
}

int main(int argc, char **argv) {
    const char *apdu_type = "request", *out = 0, *addr = 0, *port;
    const char *files[16];
    int n_files = 0, expect_reply = 1, i, len, fd, closed, got;
    double timeout_s = 5;
    char host[256], *buf;
    ODR enc, dec;
    ILL_APDU *apdu, *reply = 0;
    time_t t = time(0);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(today, sizeof(today), "%Y%m%d", &tm);
    strftime(now_time, sizeof(now_time), "%H%M%S", &tm);

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-f") == 0 && i + 1 < argc && n_files < 16)
            files[n_files++] = argv[++i];
        else if (strcmp(a, "-D") == 0 && i + 1 < argc)
            add_param(argv[++i], "-D");
        else if (strcmp(a, "--apdu") == 0 && i + 1 < argc)
            apdu_type = argv[++i];
        else if (strcmp(a, "--expect-reply") == 0)
            expect_reply = 1;
        else if (strcmp(a, "--no-reply") == 0)
            expect_reply = 0;
        else if (strcmp(a, "-t") == 0 && i + 1 < argc) {
            char *end;
            timeout_s = strtod(argv[++i], &end);
            if (*end || timeout_s <= 0 || timeout_s > 3600)
                usage();
        } else if (strcmp(a, "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (a[0] == '-' && a[1] != '\0')
            usage();
        else if (!addr)
            addr = a;
        else
            usage();
    }
    if (!addr || (strcmp(addr, "-") == 0 && !out))
        usage();
    if (n_files > 0) { /* -D given on the command line must still win: re-add them after */
        int n_cli = n_params;
        struct param cli[MAX_PARAMS];
        memcpy(cli, params, sizeof(struct param) * (size_t) n_cli);
        n_params = 0;
        for (i = 0; i < n_files; i++)
            read_param_file(files[i]);
        if (n_params + n_cli > MAX_PARAMS) {
            fprintf(stderr, "yaz-ill-peer: more than %d parameters\n", MAX_PARAMS);
            return 1;
        }
        memcpy(params + n_params, cli, sizeof(struct param) * (size_t) n_cli);
        n_params += n_cli;
    }

    enc = odr_createmem(ODR_ENCODE);
    apdu = build(enc, apdu_type);
    if (!apdu || !ill_APDU(enc, &apdu, 0, 0)) {
        fprintf(stderr, "yaz-ill-peer: encoding failed: %s\n", odr_errmsg(odr_geterror(enc)));
        return 1;
    }
    buf = odr_getbuf(enc, &len, 0);
    if (out) {
        FILE *f = fopen(out, "wb");
        if (!f || fwrite(buf, 1, (size_t) len, f) != (size_t) len || fclose(f) != 0) {
            fprintf(stderr, "yaz-ill-peer: %s: %s\n", out, strerror(errno));
            return 1;
        }
        if (strcmp(addr, "-") == 0) {
            printf("encoded %s (%d bytes)\n", NAME(apdu_names, apdu->which), len);
            return 0;
        }
    }
    if (parse_addr(addr, host, sizeof(host), &port) != 0) {
        fprintf(stderr, "yaz-ill-peer: bad address %s (want [tcp:]host:port)\n", addr);
        return 1;
    }

    signal(SIGPIPE, SIG_IGN);
    deadline_ms = now_ms() + timeout_s * 1000;
    fd = connect_to(host, port);
    if (fd < 0)
        return 3;
    if (send_all(fd, buf, len) != 0) {
        fprintf(stderr, "yaz-ill-peer: sending failed: %s\n", strerror(errno));
        return 3;
    }
    fprintf(stderr, "yaz-ill-peer: sent %s (%d bytes)\n", NAME(apdu_names, apdu->which), len);

    deadline_ms = now_ms() + timeout_s * 1000;
    buf = malloc(MAX_REPLY);
    if (!buf) {
        perror("yaz-ill-peer");
        return 1;
    }
    got = read_apdu(fd, buf, &closed);
    close(fd);
    if (got == 0) {
        if (expect_reply) {
            fprintf(stderr, "yaz-ill-peer: no answer (%s)\n",
                    closed ? "connection closed" : "timed out");
            printf("no reply%s\n", closed ? " (connection closed)" : "");
            return 3;
        }
        printf("no reply%s\n", closed ? " (connection closed)" : "");
        return 0;
    }
    if (got == -1) {
        fprintf(stderr, "yaz-ill-peer: reading the answer failed: %s\n", strerror(errno));
        return 3;
    }
    if (got == -2) {
        printf("undecodable reply: truncated, or larger than %d bytes\n", MAX_REPLY);
        return 2;
    }
    dec = odr_createmem(ODR_DECODE);
    odr_setbuf(dec, buf, got, 0);
    if (!ill_APDU(dec, &reply, 0, 0) || !reply) {
        printf("undecodable reply: %s (%d bytes)\n", odr_errmsg(odr_geterror(dec)), got);
        return 2;
    }
    summarise(reply);
    odr_destroy(dec);
    odr_destroy(enc);
    free(buf);
    return expect_reply ? 0 : 4;
}
