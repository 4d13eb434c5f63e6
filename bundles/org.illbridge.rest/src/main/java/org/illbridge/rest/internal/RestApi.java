package org.illbridge.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.illbridge.api.model.AgencyId;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.Item;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.Partner;
import org.illbridge.api.model.Patron;
import org.illbridge.api.model.Protocol;
import org.illbridge.api.model.ServiceType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.MessageRecord;
import org.illbridge.api.store.Page;
import org.illbridge.api.store.PartnerDirectory;
import org.illbridge.api.store.PartnerEntry;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TransactionQuery;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.store.TransactionSide;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.transport.InboundMessage;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.api.engine.EngineActions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home system's REST API under {@code /api/v1}, independent of the servlet container. Staff
 * actions become neutral messages from the home system handed to the engine ({@link
 * EngineActions#handle}, which handles them exactly like a message from any partner, so the
 * engine's state machine, dedupe and log apply, and writes the REST audit line in the same unit of
 * work), or calls to other {@link EngineActions}. Every route is listed in {@link #ROUTES},
 * which the OpenAPI test compares with {@code openapi.json}.
 */
final class RestApi {
  private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

  static final String API_KEY_HEADER = "X-API-Key";
  static final String BASE_PATH = "/api/v1";
  static final String JSON = "application/json";

  /** One route: method and path template ({@code {name}} matches one path segment). */
  record Route(String method, String template) {}

  static final Route CREATE_REQUEST = new Route("POST", "/requests");
  static final Route LIST_TRANSACTIONS = new Route("GET", "/transactions");
  static final Route GET_TRANSACTION = new Route("GET", "/transactions/{key}");
  static final Route ACTION = new Route("POST", "/transactions/{key}/actions/{action}");
  static final Route OPENAPI = new Route("GET", "/openapi.json");
  static final List<Route> ROUTES = List.of(CREATE_REQUEST, LIST_TRANSACTIONS, GET_TRANSACTION, ACTION, OPENAPI);

  /** The staff actions of {@link #ACTION}. */
  static final List<String> ACTIONS = List.of("received", "returned", "cancel", "renew", "message",
      "repeat-last-message", "complete");

  static final Set<String> CREATE_FIELDS = Set.of("requestId", "requester", "serviceType",
      "item", "patron", "lenders", "note", "attributes");
  static final Set<String> LIST_PARAMS = Set.of("partner", "state", "from", "to", "after", "limit", "id");
  private static final Pattern PARTNER_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern BRIDGE_KEY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final int MAX_LENDERS = 50;
  private static final int DEFAULT_LIMIT = 50;

  private final EngineActions engineActions;
  private final TransactionStore store;
  private final PartnerDirectory directory;
  private final ApiKeys keys;
  private final String homeKey;
  private final int maxBodyBytes;
  private final Clock clock;
  private final byte[] openApi;
  private volatile long lastNoKeyWarning;

  RestApi(EngineActions engineActions, TransactionStore store,
      PartnerDirectory directory, ApiKeys keys, String homeKey, int maxBodyBytes, Clock clock) {
    this.engineActions = Objects.requireNonNull(engineActions);
    this.store = Objects.requireNonNull(store);
    this.directory = Objects.requireNonNull(directory);
    this.keys = Objects.requireNonNull(keys);
    this.homeKey = Objects.requireNonNull(homeKey);
    this.maxBodyBytes = maxBodyBytes;
    this.clock = Objects.requireNonNull(clock);
    this.openApi = loadOpenApi();
    if (keys.isEmpty()) {
      warnNoKey();
    }
  }

  static byte[] loadOpenApi() {
    try (InputStream in = RestApi.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the bundle");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers one request; never throws. */
  ApiResponse handle(ApiRequest request) {
    String instance = BASE_PATH + request.path();
    try {
      return dispatch(request);
    } catch (Problem p) {
      return p.toResponse(instance);
    } catch (StoreException e) {
      LOG.error("REST API {} {}: the store failed", request.method(), instance, e);
      return new Problem(503, "store-unavailable", "Store unavailable",
          "the bridge's database is not available right now; nothing was changed, try again later")
          .header("Retry-After", "30").toResponse(instance);
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString();
      LOG.error("REST API {} {} failed (incident {})", request.method(), instance, incident, e);
      return new Problem(500, "internal-error", "Internal error",
          "the bridge could not handle this request; the administrator can find incident " + incident
              + " in the log").with("incident", incident).toResponse(instance);
    }
  }

  private ApiResponse dispatch(ApiRequest request) throws Problem {
    String path = request.path() == null || request.path().isEmpty() ? "/" : request.path();
    List<String> segments = segments(path);
    Route matched = null;
    Map<String, String> vars = null;
    List<String> allowed = new ArrayList<>();
    for (Route route : ROUTES) {
      Map<String, String> v = match(route.template(), segments);
      if (v != null) {
        allowed.add(route.method());
        if (route.method().equals(request.method())) {
          matched = route;
          vars = v;
        }
      }
    }
    if (allowed.isEmpty()) {
      throw Problem.notFound("no such resource: " + BASE_PATH + path + " (see " + BASE_PATH + "/openapi.json)");
    }
    if (matched == null) {
      throw new Problem(405, "method-not-allowed", "Method not allowed",
          request.method() + " is not allowed on " + BASE_PATH + path + "; allowed: " + String.join(", ", allowed))
          .header("Allow", String.join(", ", allowed));
    }
    if (matched == OPENAPI) {
      // The description holds no data; integrators read it before they have a key.
      return new ApiResponse(200, JSON, openApi, Map.of());
    }
    String actor = authenticate(request);
    if (matched == CREATE_REQUEST) {
      return createRequest(request, actor);
    } else if (matched == LIST_TRANSACTIONS) {
      return listTransactions(request);
    } else if (matched == GET_TRANSACTION) {
      noQuery(request);
      return getTransaction(request, vars.get("key"));
    } else {
      noQuery(request);
      return action(request, vars.get("key"), vars.get("action"), actor);
    }
  }

  // --- authentication ----------------------------------------------------------------------------

  private String authenticate(ApiRequest request) throws Problem {
    if (keys.isEmpty()) {
      warnNoKey();
      throw unauthorized("no API key is configured on this bridge, so the API refuses every call; "
          + "the administrator must set .apiKeys in the org.illbridge.rest configuration");
    }
    String presented = request.header(API_KEY_HEADER);
    if (presented == null || presented.isBlank()) {
      throw unauthorized("send your API key in the " + API_KEY_HEADER + " header");
    }
    String label = keys.authenticate(presented.trim());
    if (label == null) {
      LOG.debug("REST API: unknown API key from {}", request.remote());
      throw unauthorized("the API key is not valid");
    }
    return "api:" + label;
  }

  private static Problem unauthorized(String detail) {
    return new Problem(401, "unauthorized", "Unauthorized", detail)
        .header("WWW-Authenticate", "ApiKey header=\"" + API_KEY_HEADER + "\"");
  }

  private void warnNoKey() {
    long now = System.nanoTime();
    if (lastNoKeyWarning == 0 || now - lastNoKeyWarning > 60_000_000_000L) {
      lastNoKeyWarning = now == 0 ? 1 : now;
      LOG.warn("REST API: no API key is configured, every call is refused with 401. To add one, pick a "
          + "long random key (e.g. openssl rand -hex 32), hash it (printf '%s' \"$KEY\" | sha256sum) "
          + "and set .apiKeys=[\"<label>:<hash>\"] in conf/org.illbridge.rest.cfg or the console's "
          + "configuration page; give the key itself to the home system");
    }
  }

  // --- POST /requests ----------------------------------------------------------------------------

  private ApiResponse createRequest(ApiRequest request, String actor) throws Problem {
    JsonFields f = jsonBody(request, true, CREATE_FIELDS);
    Partner home = homePartner();
    try {
      String requestId = f.string("requestId");
      if (requestId != null && (requestId.isBlank() || requestId.length() > 100)) {
        throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, "requestId",
            "must be 1 to 100 characters");
      }
      AgencyId requester = JsonFields.parseAgency(f.requiredString("requester"), "requester");
      Optional<PartnerEntry> owner = directory.findByAgencyId(requester);
      if (owner.isPresent() && !owner.get().key().equals(homeKey)) {
        throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, "requester",
            "agency " + requester + " belongs to partner '" + owner.get().key() + "', not to the home system");
      }
      if (!f.has("serviceType")) {
        throw new InvalidInputException(InvalidInputException.Kind.MISSING_FIELD, "serviceType",
            "is required (one of: LOAN, COPY, COPY_OR_LOAN, LOCATIONS, ESTIMATE, RESPONDER_SPECIFIC)");
      }
      ServiceType serviceType = f.enumValue("serviceType", ServiceType.class);
      if (!f.has("item")) {
        throw new InvalidInputException(InvalidInputException.Kind.MISSING_FIELD, "item", "is required");
      }
      Item item = MessageJson.item(f.raw("item"), "item");
      if (blank(item.title()) && blank(item.isbn()) && blank(item.issn()) && blank(item.oclcNumber())) {
        throw new InvalidInputException(InvalidInputException.Kind.MISSING_FIELD, "item",
            "needs a title or an identifier (isbn, issn or oclcNumber)");
      }
      Patron patron = f.has("patron") ? MessageJson.patron(f.raw("patron"), "patron") : null;
      List<List<String>> lenders = lenders(f);
      Map<String, String> attributes = f.stringMap("attributes");
      for (String k : attributes.keySet()) {
        if (k.startsWith("bridge.")) {
          throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, "attributes." + k,
              "attributes starting with 'bridge.' are reserved for the bridge");
        }
      }
      Instant now = clock.instant();
      IllMessage.Builder b = IllMessage.builder(MessageType.REQUEST)
          .requesterTransactionId(requestId)
          .sender(requester)
          .timestamp(now)
          .serviceType(serviceType)
          .item(item)
          .patron(patron)
          .note(f.string("note"));
      attributes.forEach(b::attribute);
      // "a,b|c,d": groups of equal candidates joined with '|' (see the engine README)
      b.attribute(Labels.ATTR_LENDERS, String.join(",", lenders.stream().map(g -> String.join("|", g)).toList()));
      IllMessage message = b.build();
      // The audit line is written in the engine's unit of work: no commit of its own.
      InboundResult result = engineActions.handle(new InboundMessage(Protocol.REST,
          MessageJson.write(message, null), message, request.remote(), home.key(), now),
          new EngineActions.AuditLine(actor, "rest.request.create",
              "request created with " + lenders.stream().mapToInt(List::size).sum() + " lender(s)"));
      if (result instanceof InboundResult.Accepted accepted) {
        String key = accepted.transactionKey();
        TransactionRecord tx = store.find(key).orElseThrow(
            () -> new IllegalStateException("the engine accepted transaction " + key + " but it cannot be read"));
        ObjectNode body = transactionJson(tx, Labels.forAcceptLanguage(request.header("Accept-Language")), false);
        body.put("created", !accepted.duplicate());
        String location = BASE_PATH + "/transactions/" + key;
        return json(accepted.duplicate() ? 200 : 201, body, Map.of("Location", location));
      }
      throw rejected((InboundResult.Rejected) result, null);
    } catch (InvalidInputException e) {
      throw Problem.invalid(e);
    }
  }

  /**
   * The rota: partner keys in the order they are asked; an element may itself be an array of
   * keys, equal candidates the engine orders by their recent lending load (load-levelling, seed
   * 003). Returned as groups; a plain key is a group of one.
   */
  private List<List<String>> lenders(JsonFields f) throws InvalidInputException, Problem {
    if (!f.has("lenders")) {
      throw new InvalidInputException(InvalidInputException.Kind.MISSING_FIELD, "lenders",
          "is required: the partner keys of the lenders to ask, in order");
    }
    JsonNode listed = f.raw("lenders");
    if (!listed.isArray()) {
      throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, "lenders",
          "must be an array of partner keys (or of arrays of equal candidates), not " + JsonFields.describe(listed));
    }
    Set<String> seen = new LinkedHashSet<>();
    List<List<String>> groups = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      JsonNode e = listed.get(i);
      List<String> group = new ArrayList<>();
      if (e.isArray() && !e.isEmpty()) {
        for (int j = 0; j < e.size(); j++) {
          group.add(lender(e.get(j), "lenders[" + i + "][" + j + "]", seen));
        }
      } else {
        group.add(lender(e, "lenders[" + i + "]", seen));
      }
      groups.add(group);
    }
    if (seen.isEmpty() || seen.size() > MAX_LENDERS) {
      throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, "lenders",
          "must list 1 to " + MAX_LENDERS + " partner keys");
    }
    return groups;
  }

  private String lender(JsonNode e, String field, Set<String> seen) throws InvalidInputException {
    if (!e.isTextual()) {
      throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, field,
          "must be a partner key, not " + JsonFields.describe(e));
    }
    String key = e.textValue().trim();
    if (!PARTNER_KEY.matcher(key).matches()) {
      throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, field,
          "'" + JsonFields.abbreviate(key) + "' is not a partner key (letters, digits, '.', '_', '-')");
    }
    if (!seen.add(key)) {
      throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, field, "partner '" + key + "' is listed twice");
    }
    if (key.equals(homeKey)) {
      throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, field,
          "'" + key + "' is the home system itself");
    }
    if (directory.get(key).isEmpty()) {
      throw new InvalidInputException(InvalidInputException.Kind.BAD_VALUE, field, "no partner '" + key + "' in the directory");
    }
    return key;
  }

  private Partner homePartner() throws Problem {
    Optional<Partner> home = directory.get(homeKey).map(PartnerEntry::partner);
    if (home.isEmpty() || !home.get().enabled() || home.get().protocol() != Protocol.REST) {
      String why = home.isEmpty() ? "there is no partner '" + homeKey + "' in the partner directory"
          : !home.get().enabled() ? "the partner '" + homeKey + "' is disabled"
          : "the partner '" + homeKey + "' does not use protocol REST";
      LOG.warn("REST API refused a call: {}; create or fix the home system's partner entry (protocol REST, "
          + "endpoint webhook+https://...)", why);
      throw new Problem(503, "home-partner-not-configured", "Home system not configured",
          why + "; the administrator must set up the home system's partner entry (protocol REST)");
    }
    return home.get();
  }

  // --- GET /transactions[/key] -------------------------------------------------------------------

  private ApiResponse getTransaction(ApiRequest request, String key) throws Problem {
    TransactionRecord tx = find(key);
    return json(200, transactionJson(tx, Labels.forAcceptLanguage(request.header("Accept-Language")), true), Map.of());
  }

  private TransactionRecord find(String key) throws Problem {
    if (!BRIDGE_KEY.matcher(key).matches()) {
      throw Problem.notFound("no transaction '" + JsonFields.abbreviate(key) + "'");
    }
    return store.find(key).orElseThrow(() -> Problem.notFound("no transaction '" + key + "'"));
  }

  private ApiResponse listTransactions(ApiRequest request) throws Problem {
    Map<String, List<String>> params = query(request.query());
    for (String name : params.keySet()) {
      if (!LIST_PARAMS.contains(name)) {
        throw Problem.badRequest("unknown query parameter '" + JsonFields.abbreviate(name)
            + "' (known: after, from, id, limit, partner, state, to)").with("field", name);
      }
    }
    Set<TransactionState> states = EnumSet.noneOf(TransactionState.class);
    for (String value : params.getOrDefault("state", List.of())) {
      for (String s : value.split(",")) {
        if (s.isBlank()) {
          continue;
        }
        try {
          states.add(TransactionState.valueOf(s.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw Problem.badRequest("unknown state '" + JsonFields.abbreviate(s.trim()) + "'; one of: "
              + String.join(", ", java.util.Arrays.stream(TransactionState.values()).map(Enum::name).toList()))
              .with("field", "state");
        }
      }
    }
    int limit = DEFAULT_LIMIT;
    String limitText = single(params, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > 1000) {
        throw Problem.badRequest("limit must be a number from 1 to 1000").with("field", "limit");
      }
    }
    Instant from = time(single(params, "from"), "from", false);
    Instant to = time(single(params, "to"), "to", true);
    String partner = single(params, "partner");
    TransactionQuery q = new TransactionQuery(single(params, "id"), partner, states, from, to, limit,
        single(params, "after"));
    Page<TransactionRecord> page;
    try {
      page = store.search(q);
    } catch (IllegalArgumentException e) {
      // A cursor the store cannot read (tampered with, or from another query shape).
      throw Problem.badRequest("the 'after' cursor is not valid: " + e.getMessage()).with("field", "after");
    }
    Labels labels = Labels.forAcceptLanguage(request.header("Accept-Language"));
    ObjectNode body = JsonFields.MAPPER.createObjectNode();
    ArrayNode items = body.putArray("items");
    for (TransactionRecord tx : page.items()) {
      items.add(transactionJson(tx, labels, false));
    }
    if (page.nextCursor() != null) {
      body.put("next", page.nextCursor());
    } else {
      body.putNull("next");
    }
    return json(200, body, Map.of());
  }

  private static String single(Map<String, List<String>> params, String name) throws Problem {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw Problem.badRequest("query parameter '" + name + "' is given more than once").with("field", name);
    }
    String v = values.get(0).trim();
    return v.isEmpty() ? null : v;
  }

  /** A date (YYYY-MM-DD, UTC; as an upper bound the whole day counts) or an ISO 8601 date-time. */
  private static Instant time(String text, String field, boolean upperBound) throws Problem {
    if (text == null) {
      return null;
    }
    try {
      if (text.length() == 10) {
        LocalDate d = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        return (upperBound ? d.plusDays(1) : d).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw Problem.badRequest("bad " + field + " '" + JsonFields.abbreviate(text)
          + "': expected YYYY-MM-DD or an ISO 8601 date-time such as 2025-03-03T09:00:00Z").with("field", field);
    }
  }

  // --- POST /transactions/{key}/actions/{action} ----------------------------------------------------

  private ApiResponse action(ApiRequest request, String key, String action, String actor) throws Problem {
    if (!ACTIONS.contains(action)) {
      throw Problem.notFound("no action '" + JsonFields.abbreviate(action) + "'; actions: " + String.join(", ", ACTIONS));
    }
    Set<String> fields = switch (action) {
      case "renew" -> Set.of("note", "dueDate");
      case "repeat-last-message" -> Set.of();
      default -> Set.of("note");
    };
    JsonFields body = jsonBody(request, false, fields);
    TransactionRecord tx = find(key);
    Labels labels = Labels.forAcceptLanguage(request.header("Accept-Language"));
    if (action.equals("repeat-last-message")) {
      return repeat(tx, actor, labels);
    }
    Partner home = homePartner();
    boolean homeRequests = home.key().equals(tx.requester().partnerKey());
    boolean homeSupplies = home.key().equals(tx.supplier().partnerKey());
    if (!homeRequests && !homeSupplies) {
      throw new Problem(409, "not-a-party", "Not a party to this transaction",
          "the home system is neither the borrower nor the lender of transaction " + key);
    }
    String note;
    java.time.LocalDate dueDate;
    try {
      note = body == null ? null : body.string("note");
      dueDate = body == null || !fields.contains("dueDate") ? null : body.date("dueDate");
      if (action.equals("message") && (note == null || note.isBlank())) {
        throw new InvalidInputException(InvalidInputException.Kind.MISSING_FIELD, "note", "is required for a message");
      }
    } catch (InvalidInputException e) {
      throw Problem.invalid(e);
    }
    MessageType type = messageType(action, tx, homeRequests, labels);
    TransactionSide side = homeRequests ? tx.requester() : tx.supplier();
    Instant now = clock.instant();
    IllMessage.Builder b = IllMessage.builder(type)
        .requesterTransactionId(side.requesterTxId())
        .supplierTransactionId(side.supplierTxId())
        .sender(side.agencyId())
        .timestamp(now)
        .note(note)
        .dueDate(dueDate);
    if (type == MessageType.CHECKED_IN || type == MessageType.RECEIVED) {
      b.serviceType(tx.serviceType());
    }
    IllMessage message = b.build();
    InboundResult result = engineActions.handle(new InboundMessage(Protocol.REST,
        MessageJson.write(message, null), message, request.remote(), home.key(), now),
        new EngineActions.AuditLine(actor, "rest.action." + action, type + " sent on behalf of the home system"));
    if (result instanceof InboundResult.Accepted accepted) {
      TransactionRecord after = store.find(key).orElse(tx);
      ObjectNode out = JsonFields.MAPPER.createObjectNode();
      out.put("action", action);
      out.put("message", type.name());
      out.put("result", accepted.duplicate() ? "duplicate" : "accepted");
      out.set("transaction", transactionJson(after, labels, false));
      return json(200, out, Map.of());
    }
    throw rejected((InboundResult.Rejected) result, tx.state() == null ? null : labels.state(tx.state()));
  }

  /**
   * The neutral message for a staff action. "complete" depends on the side: the lender completes
   * a loan with Checked-In; a borrower completes a copy by saying it was received (Relais never
   * sends Shipped for copies, seed 000). A borrower cannot complete a loan: the lender's
   * Checked-In does that after Returned.
   */
  private static MessageType messageType(String action, TransactionRecord tx, boolean homeRequests,
      Labels labels) throws Problem {
    if (!homeRequests && !action.equals("message") && !action.equals("complete")) {
      throw new Problem(409, "not-the-borrower", "Not the borrower",
          "the home system is the lender in transaction " + tx.bridgeKey() + "; '" + action
              + "' is a borrower's action (a lender can send: message, complete)");
    }
    switch (action) {
      case "received": return MessageType.RECEIVED;
      case "returned": return MessageType.RETURNED;
      case "cancel": return MessageType.CANCEL;
      case "renew": return MessageType.RENEW;
      case "message": return MessageType.NOTE;
      default:
        if (!homeRequests) {
          return MessageType.CHECKED_IN;
        }
        if (tx.serviceType() == ServiceType.COPY && !tx.state().isTerminal()) {
          return MessageType.RECEIVED;
        }
        throw new Problem(409, "invalid-state", "Not valid in the transaction's state",
            tx.state().isTerminal()
                ? "the transaction has already ended (" + labels.state(tx.state()) + ")"
                : "a borrower completes only copies; a loan is completed by the lender's Checked-In "
                    + "after you send 'returned'")
            .with("state", tx.state().name()).with("stateLabel", labels.state(tx.state()));
    }
  }

  private ApiResponse repeat(TransactionRecord tx, String actor, Labels labels) throws Problem {
    EngineActions.RepeatResult r = engineActions.repeatLastMessage(tx.bridgeKey(), actor);
    switch (r) {
      case UNKNOWN_TRANSACTION:
        throw Problem.notFound("no transaction '" + tx.bridgeKey() + "'");
      case NOTHING_TO_REPEAT:
        throw new Problem(409, "nothing-to-repeat", "Nothing to repeat",
            "no message was sent to a lender on this transaction yet, or its bytes were purged");
      default:
        ObjectNode out = JsonFields.MAPPER.createObjectNode();
        out.put("action", "repeat-last-message");
        out.put("result", r == EngineActions.RepeatResult.QUEUED ? "queued" : "already-queued");
        out.set("transaction", transactionJson(tx, labels, false));
        return json(r == EngineActions.RepeatResult.QUEUED ? 202 : 200, out, Map.of());
    }
  }

  private Problem rejected(InboundResult.Rejected r, String stateLabel) {
    Problem p = switch (r.reason()) {
      case InboundResult.INVALID_STATE ->
          new Problem(409, "invalid-state", "Not valid in the transaction's state", r.detail());
      case InboundResult.UNKNOWN_TRANSACTION -> Problem.notFound(r.detail());
      case InboundResult.UNKNOWN_AGENCY -> {
        LOG.warn("The engine does not know the home system as a partner: {}", r.detail());
        yield new Problem(503, "home-partner-not-configured", "Home system not configured", r.detail());
      }
      case InboundResult.UNSUPPORTED -> new Problem(422, "unsupported", "Not supported", r.detail());
      default -> new Problem(422, "rejected", "Rejected by the bridge", r.detail());
    };
    if (stateLabel != null) {
      p.with("stateLabel", stateLabel);
    }
    return p.with("reason", r.reason());
  }

  // --- JSON views ----------------------------------------------------------------------------------

  ObjectNode transactionJson(TransactionRecord tx, Labels labels, boolean withMessages) {
    ObjectNode o = JsonFields.MAPPER.createObjectNode();
    o.put("key", tx.bridgeKey());
    o.put("state", tx.state().name());
    o.put("stateLabel", labels.state(tx.state()));
    o.put("terminal", tx.state().isTerminal());
    if (tx.serviceType() != null) {
      o.put("serviceType", tx.serviceType().name());
      o.put("serviceTypeLabel", labels.serviceType(tx.serviceType()));
    }
    putIfSet(o, "item", tx.itemSummary());
    o.set("requester", side(tx.requester()));
    o.set("supplier", side(tx.supplier()));
    tx.lenders().forEach(o.putArray("lenders")::add);
    o.put("lenderPosition", tx.lenderPosition());
    putIfSet(o, "currentLender", tx.currentLender());
    putIfSet(o, "dueDate", tx.dueDate() == null ? null : tx.dueDate().toString());
    putIfSet(o, "createdAt", tx.createdAt() == null ? null : tx.createdAt().toString());
    putIfSet(o, "updatedAt", tx.updatedAt() == null ? null : tx.updatedAt().toString());
    putIfSet(o, "terminalAt", tx.terminalAt() == null ? null : tx.terminalAt().toString());
    if (withMessages) {
      ArrayNode messages = o.putArray("messages");
      for (MessageRecord m : store.messages(tx.bridgeKey())) {
        ObjectNode n = messages.addObject();
        n.put("id", m.id());
        putIfSet(n, "at", m.at() == null ? null : m.at().toString());
        n.put("direction", m.direction().name());
        putIfSet(n, "partner", m.partnerKey());
        putIfSet(n, "protocol", m.protocol() == null ? null : m.protocol().name());
        if (m.messageType() != null) {
          n.put("type", m.messageType().name());
          n.put("typeLabel", labels.type(m.messageType()));
        }
        putIfSet(n, "result", m.result());
        putIfSet(n, "summary", m.summary());
        if (!m.warnings().isEmpty()) {
          m.warnings().forEach(n.putArray("warnings")::add);
        }
        if (m.duplicateCount() > 0) {
          n.put("duplicateCount", m.duplicateCount());
        }
        if (m.redacted()) {
          n.put("redacted", true);
        }
      }
    }
    return o;
  }

  private static ObjectNode side(TransactionSide s) {
    ObjectNode o = JsonFields.MAPPER.createObjectNode();
    putIfSet(o, "partner", s.partnerKey());
    putIfSet(o, "agency", s.agencyId() == null ? null : s.agencyId().toString());
    putIfSet(o, "requesterTransactionId", s.requesterTxId());
    putIfSet(o, "supplierTransactionId", s.supplierTxId());
    return o;
  }

  // --- plumbing --------------------------------------------------------------------------------------

  /**
   * Reads and parses the JSON body. {@code required=false}: an empty body is allowed (null
   * result). The size limit is enforced while reading (and up front from Content-Length).
   */
  private JsonFields jsonBody(ApiRequest request, boolean required, Set<String> allowed) throws Problem {
    byte[] body = readBody(request);
    if (body.length == 0 && !required) {
      return null;
    }
    String contentType = request.header("Content-Type");
    if (!isJson(contentType)) {
      throw new Problem(415, "unsupported-media-type", "Unsupported media type",
          "send the body as application/json" + (contentType == null ? "" : ", not " + JsonFields.abbreviate(contentType)));
    }
    try {
      return JsonFields.object(JsonFields.parse(body), "", allowed);
    } catch (InvalidInputException e) {
      throw Problem.invalid(e);
    }
  }

  private byte[] readBody(ApiRequest request) throws Problem {
    String length = request.header("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw Problem.badRequest("bad Content-Length header");
      }
    }
    try (InputStream in = request.body()) {
      byte[] buf = new byte[8192];
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > maxBodyBytes) {
          throw tooLarge();
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw Problem.badRequest("the request body could not be read: " + e.getMessage());
    }
  }

  private Problem tooLarge() {
    return new Problem(413, "body-too-large", "Body too large",
        "the request body is larger than " + maxBodyBytes + " bytes");
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mime.equals(JSON) || mime.startsWith("application/") && mime.endsWith("+json");
  }

  private static void noQuery(ApiRequest request) throws Problem {
    if (request.query() != null && !request.query().isBlank()) {
      throw Problem.badRequest("this resource takes no query parameters");
    }
  }

  static Map<String, List<String>> query(String raw) throws Problem {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } catch (IllegalArgumentException e) {
        throw Problem.badRequest("the query string is not validly percent-encoded");
      }
    }
    return out;
  }

  /** Path segments; the container has already percent-decoded the path. */
  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** The path variables when {@code segments} match {@code template}, else null. */
  static Map<String, String> match(String template, List<String> segments) {
    List<String> parts = segments(template);
    if (parts.size() != segments.size()) {
      return null;
    }
    Map<String, String> vars = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      String p = parts.get(i);
      if (p.startsWith("{") && p.endsWith("}")) {
        vars.put(p.substring(1, p.length() - 1), segments.get(i));
      } else if (!p.equals(segments.get(i))) {
        return null;
      }
    }
    return vars;
  }

  private static ApiResponse json(int status, JsonNode body, Map<String, String> headers) {
    try {
      return new ApiResponse(status, JSON, JsonFields.MAPPER.writeValueAsBytes(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private static void putIfSet(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
