/*
 * Golden-vector generator: encodes ISO 10161 APDUs with YAZ's own ILL encoder (libyaz, ill-core.h)
 * and writes each one to OUTDIR/<name>.ber. Used by make-golden.sh; the output is committed under
 * src/test/resources/golden/ and the Java tests check it field by field.
 *
 *   gcc -o ill-apdus ill-apdus.c $(pkg-config --cflags --libs yaz) && ./ill-apdus OUTDIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaz/odr.h>
#include <yaz/ill.h>

static ODR o;

static void *z(size_t n) { void *p = odr_malloc(o, n); memset(p, 0, n); return p; }
static Odr_int *num(Odr_int v) { return odr_intdup(o, v); }
static Odr_bool *boo(int v) { return odr_booldup(o, v); }

static ILL_String *gs(const char *s) {
    ILL_String *r = z(sizeof(*r));
    r->which = ILL_String_GeneralString;
    r->u.GeneralString = odr_strdup(o, s);
    return r;
}

static ILL_String *edi(const char *s) {
    ILL_String *r = z(sizeof(*r));
    r->which = ILL_String_EDIFACTString;
    r->u.EDIFACTString = odr_strdup(o, s);
    return r;
}

static ILL_System_Id *inst(const char *symbol, const char *name) {
    ILL_System_Id *r = z(sizeof(*r));
    if (symbol) {
        r->person_or_institution_symbol = z(sizeof(*r->person_or_institution_symbol));
        r->person_or_institution_symbol->which =
            ILL_Person_Or_Institution_Symbol_institution_symbol;
        r->person_or_institution_symbol->u.institution_symbol = gs(symbol);
    }
    if (name) {
        r->name_of_person_or_institution = z(sizeof(*r->name_of_person_or_institution));
        r->name_of_person_or_institution->which =
            ILL_Name_Of_Person_Or_Institution_name_of_institution;
        r->name_of_person_or_institution->u.name_of_institution = gs(name);
    }
    return r;
}

/* The five components every APDU starts with (common initial sequence of the YAZ structs). */
struct header {
    Odr_int *protocol_version_num;
    ILL_Transaction_Id *transaction_id;
    ILL_Service_Date_Time *service_date_time;
    ILL_System_Id *requester_id;
    ILL_System_Id *responder_id;
};

static void fill_header(void *apdu, const char *date, const char *time) {
    struct header *h = apdu;
    h->protocol_version_num = num(2);
    h->transaction_id = z(sizeof(*h->transaction_id));
    h->transaction_id->initial_requester_id = inst("BVAS", 0);
    h->transaction_id->transaction_group_qualifier = gs("GRP-2024");
    h->transaction_id->transaction_qualifier = gs("REQ-000123");
    h->service_date_time = z(sizeof(*h->service_date_time));
    h->service_date_time->date_time_of_this_service =
        z(sizeof(*h->service_date_time->date_time_of_this_service));
    h->service_date_time->date_time_of_this_service->date = odr_strdup(o, date);
    if (time)
        h->service_date_time->date_time_of_this_service->time = odr_strdup(o, time);
    h->service_date_time->date_time_of_original_service =
        z(sizeof(*h->service_date_time->date_time_of_original_service));
    h->service_date_time->date_time_of_original_service->date = odr_strdup(o, "20240315");
    h->requester_id = inst("BVAS", "Simon Fraser University");
    h->responder_id = inst("OZZ", 0);
}

static ILL_Date_Due *due(const char *date, int renewable) {
    ILL_Date_Due *d = z(sizeof(*d));
    d->date_due_field = odr_strdup(o, date);
    d->renewable = boo(renewable);
    return d;
}

static ILL_Amount *amount(const char *cur, const char *val) {
    ILL_Amount *a = z(sizeof(*a));
    a->currency_code = cur ? odr_strdup(o, cur) : 0;
    a->monetary_value = odr_strdup(o, val);
    return a;
}

static void write_apdu(const char *dir, const char *name, int which, void *body) {
    ILL_APDU *apdu = z(sizeof(*apdu));
    char *buf, path[1024];
    int len;
    FILE *f;
    apdu->which = which;
    apdu->u.illRequest = body; /* union of pointers */
    if (!ill_APDU(o, &apdu, 0, 0)) {
        fprintf(stderr, "encoding %s failed: %s\n", name, odr_errmsg(odr_geterror(o)));
        exit(1);
    }
    buf = odr_getbuf(o, &len, 0);
    snprintf(path, sizeof(path), "%s/%s.ber", dir, name);
    f = fopen(path, "wb");
    if (!f || fwrite(buf, 1, len, f) != (size_t) len) {
        perror(path);
        exit(1);
    }
    fclose(f);
    printf("%s: %d bytes\n", path, len);
    odr_reset(o);
}

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : ".";
    o = odr_createmem(ODR_ENCODE);

    { /* Shipped: loan, due date, cost, physical delivery, note */
        ILL_Shipped *s = z(sizeof(*s));
        fill_header(s, "20240320", "093000");
        s->supplier_id = inst("OZZ", "UNT Health Science Center");
        s->transaction_type = num(1);
        s->shipped_service_type = num(1);
        s->responder_optional_messages = z(sizeof(*s->responder_optional_messages));
        s->responder_optional_messages->can_send_SHIPPED = boo(1);
        s->responder_optional_messages->can_send_CHECKED_IN = boo(1);
        s->responder_optional_messages->responder_RECEIVED = num(2);
        s->responder_optional_messages->responder_RETURNED = num(1);
        s->supply_details = z(sizeof(*s->supply_details));
        s->supply_details->date_shipped = odr_strdup(o, "20240320");
        s->supply_details->date_due = due("20240420", 1);
        s->supply_details->chargeable_units = num(1);
        s->supply_details->cost = amount("USD", "12.50");
        s->supply_details->shipped_conditions = num(22);
        s->supply_details->which = ILL_Supply_Details_physical_delivery;
        s->supply_details->u.physical_delivery = gs("Courier");
        s->responder_note = gs("Handle with care");
        write_apdu(dir, "yaz-shipped", ILL_APDU_Shipped, s);
    }
    { /* ILL-Answer unfilled, with a location */
        ILL_Answer *a = z(sizeof(*a));
        fill_header(a, "20240316", "120000");
        a->transaction_results = num(3);
        a->which = ILL_Answer_unfilled_results;
        a->u.unfilled_results = z(sizeof(*a->u.unfilled_results));
        a->u.unfilled_results->reason_unfilled = num(1);
        a->u.unfilled_results->num_locations = 1;
        a->u.unfilled_results->locations = z(sizeof(ILL_Location_Info *));
        a->u.unfilled_results->locations[0] = z(sizeof(ILL_Location_Info));
        a->u.unfilled_results->locations[0]->location_id = inst("UBC", 0);
        a->u.unfilled_results->locations[0]->location_note = gs("Try UBC");
        a->responder_note = gs("On loan until May");
        write_apdu(dir, "yaz-answer-unfilled", ILL_APDU_ILL_Answer, a);
    }
    { /* ILL-Answer will-supply */
        ILL_Answer *a = z(sizeof(*a));
        fill_header(a, "20240316", "120500");
        a->transaction_results = num(5);
        a->which = ILL_Answer_will_supply_results;
        a->u.will_supply_results = z(sizeof(*a->u.will_supply_results));
        a->u.will_supply_results->reason_will_supply = num(26);
        a->u.will_supply_results->supply_date = odr_strdup(o, "20240322");
        write_apdu(dir, "yaz-answer-will-supply", ILL_APDU_ILL_Answer, a);
    }
    { /* ILL-Answer conditional (charges) */
        ILL_Answer *a = z(sizeof(*a));
        fill_header(a, "20240316", "121000");
        a->transaction_results = num(1);
        a->which = ILL_Answer_conditional_results;
        a->u.conditional_results = z(sizeof(*a->u.conditional_results));
        a->u.conditional_results->conditions = num(14);
        a->u.conditional_results->date_for_reply = odr_strdup(o, "20240325");
        a->responder_note = gs("Fee 15 CAD");
        write_apdu(dir, "yaz-answer-conditional", ILL_APDU_ILL_Answer, a);
    }
    { /* ILL-Answer retry */
        ILL_Answer *a = z(sizeof(*a));
        fill_header(a, "20240316", "121500");
        a->transaction_results = num(2);
        a->which = ILL_Answer_retry_results;
        a->u.retry_results = z(sizeof(*a->u.retry_results));
        a->u.retry_results->reason_not_available = num(8);
        a->u.retry_results->retry_date = odr_strdup(o, "20240401");
        write_apdu(dir, "yaz-answer-retry", ILL_APDU_ILL_Answer, a);
    }
    { /* Status-Or-Error-Report: provider error, state transition prohibited */
        ILL_Status_Or_Error_Report *r = z(sizeof(*r));
        fill_header(r, "20240317", "080000");
        r->error_report = z(sizeof(*r->error_report));
        r->error_report->correlation_information = gs("REQ-000123");
        r->error_report->report_source = num(2);
        r->error_report->provider_error_report = z(sizeof(*r->error_report->provider_error_report));
        r->error_report->provider_error_report->which =
            ILL_Provider_Error_Report_state_transition_prohibited;
        r->error_report->provider_error_report->u.state_transition_prohibited =
            z(sizeof(ILL_State_Transition_Prohibited));
        r->error_report->provider_error_report->u.state_transition_prohibited->aPDU_type = num(8);
        r->error_report->provider_error_report->u.state_transition_prohibited->current_state =
            num(2);
        r->note = gs("RECEIVED before SHIPPED");
        write_apdu(dir, "yaz-status-or-error-report", ILL_APDU_Status_Or_Error_Report, r);
    }
    { /* Status-Or-Error-Report: status report with history */
        ILL_Status_Or_Error_Report *r = z(sizeof(*r));
        ILL_History_Report *h;
        fill_header(r, "20240318", "100000");
        r->status_report = z(sizeof(*r->status_report));
        h = r->status_report->user_status_report = z(sizeof(ILL_History_Report));
        h->date_requested = odr_strdup(o, "20240315");
        h->title = gs("The Java Language Specification");
        h->date_of_last_transition = odr_strdup(o, "20240320");
        h->most_recent_service = num(3);
        h->date_of_most_recent_service = odr_strdup(o, "20240320");
        h->initiator_of_most_recent_service = inst("OZZ", 0);
        h->shipped_service_type = num(1);
        h->transaction_results = num(5);
        r->status_report->provider_status_report = num(8);
        write_apdu(dir, "yaz-status-report", ILL_APDU_Status_Or_Error_Report, r);
    }
    { /* Cancel-Reply yes */
        ILL_Cancel_Reply *c = z(sizeof(*c));
        fill_header(c, "20240318", "110000");
        c->answer = boo(1);
        write_apdu(dir, "yaz-cancel-reply", ILL_APDU_Cancel_Reply, c);
    }
    { /* Cancel with an EDIFACTString note */
        ILL_Cancel *c = z(sizeof(*c));
        fill_header(c, "20240318", "105500");
        c->requester_note = edi("NO LONGER NEEDED");
        write_apdu(dir, "yaz-cancel", ILL_APDU_Cancel, c);
    }
    { /* Received */
        ILL_Received *r = z(sizeof(*r));
        fill_header(r, "20240322", "140000");
        r->date_received = odr_strdup(o, "20240322");
        r->shipped_service_type = num(1);
        write_apdu(dir, "yaz-received", ILL_APDU_Received, r);
    }
    { /* Returned */
        ILL_Returned *r = z(sizeof(*r));
        fill_header(r, "20240415", "090000");
        r->date_returned = odr_strdup(o, "20240415");
        r->returned_via = gs("Canada Post");
        r->insured_for = amount("CAD", "100");
        write_apdu(dir, "yaz-returned", ILL_APDU_Returned, r);
    }
    { /* Checked-In */
        ILL_Checked_In *c = z(sizeof(*c));
        fill_header(c, "20240418", "093000");
        c->date_checked_in = odr_strdup(o, "20240418");
        write_apdu(dir, "yaz-checked-in", ILL_APDU_Checked_In, c);
    }
    { /* Overdue */
        ILL_Overdue *d = z(sizeof(*d));
        fill_header(d, "20240421", "080000");
        d->date_due = due("20240420", 0);
        write_apdu(dir, "yaz-overdue", ILL_APDU_Overdue, d);
    }
    { /* Renew */
        ILL_Renew *r = z(sizeof(*r));
        fill_header(r, "20240410", "100000");
        r->desired_due_date = odr_strdup(o, "20240520");
        write_apdu(dir, "yaz-renew", ILL_APDU_Renew, r);
    }
    { /* Renew-Answer */
        ILL_Renew_Answer *r = z(sizeof(*r));
        fill_header(r, "20240411", "100000");
        r->answer = boo(1);
        r->date_due = due("20240520", 0);
        write_apdu(dir, "yaz-renew-answer", ILL_APDU_Renew_Answer, r);
    }
    { /* Message */
        ILL_Message *m = z(sizeof(*m));
        fill_header(m, "20240319", "150000");
        m->note = gs("Bitte beachten: Lieferung verz\xc3\xb6gert");
        write_apdu(dir, "yaz-message", ILL_APDU_Message, m);
    }
    { /* Damaged, specific units */
        ILL_Damaged *d = z(sizeof(*d));
        fill_header(d, "20240416", "100000");
        d->damaged_details = z(sizeof(*d->damaged_details));
        d->damaged_details->which = ILL_Damaged_Details_specific_units;
        d->damaged_details->u.specific_units = z(sizeof(ILL_Damaged_DetailsSpecific_units));
        d->damaged_details->u.specific_units->num = 2;
        d->damaged_details->u.specific_units->elements = z(2 * sizeof(Odr_int *));
        d->damaged_details->u.specific_units->elements[0] = num(12);
        d->damaged_details->u.specific_units->elements[1] = num(13);
        d->note = gs("Pages 12-13 torn");
        write_apdu(dir, "yaz-damaged", ILL_APDU_Damaged, d);
    }
    odr_destroy(o);
    return 0;
}
