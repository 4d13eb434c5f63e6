package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.model.TransactionState;
import org.illbridge.api.store.AuditEntry;
import org.illbridge.api.store.Direction;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.StoreException;
import org.illbridge.api.store.TransactionStore;
import org.illbridge.api.engine.EngineActions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API on the real engine and Derby store: status codes, problem details, keys, paging, actions. */
class RestApiTest {

  @TempDir static Path dir;
  static EngineFixture f;
  private static int counter;

  @BeforeAll
  static void start() throws IOException {
    f = new EngineFixture(dir);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  static String requestBody(String requestId, String serviceType, String lenders) {
    return "{\"requestId\":\"" + requestId + "\",\"requester\":\"" + EngineFixture.HOME_AGENCY + "\","
        + "\"serviceType\":\"" + serviceType + "\",\"item\":{\"title\":\"Moby Dick\",\"author\":\"Melville\"},"
        + "\"patron\":{\"id\":\"P-1\",\"name\":\"Ishmael\"},\"lenders\":[" + lenders + "],\"note\":\"rush\"}";
  }

  /** Creates a loan request to bvas then bvau; returns its key. */
  static String create(String serviceType) {
    ApiResponse r = f.call("POST", "/requests", requestBody("ILS-" + (++counter), serviceType, "\"bvas\",\"bvau\""));
    assertEquals(201, r.status(), r.bodyText());
    return json(r).get("key").asText();
  }

  static JsonNode json(ApiResponse r) {
    try {
      return JsonFields.MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static void assertProblem(ApiResponse r, int status, String slug) {
    assertEquals(status, r.status(), r.bodyText());
    assertEquals(Problem.CONTENT_TYPE, r.contentType());
    JsonNode p = json(r);
    assertEquals(Problem.TYPE_PREFIX + slug, p.get("type").asText(), r.bodyText());
    assertEquals(status, p.get("status").asInt());
    assertFalse(p.get("title").asText().isBlank());
    assertFalse(p.get("detail").asText().isBlank());
    assertFalse(r.bodyText().contains("Exception"), r.bodyText());
    assertFalse(r.bodyText().contains("\tat "), r.bodyText());
  }

  // --- authentication --------------------------------------------------------------------------------

  @Test
  void withoutAnyConfiguredKeyEverythingIsRefused() {
    RestApi locked = f.api(ApiKeys.parse(new String[0]), "home");
    ApiResponse r = f.call(locked, "POST", "/requests", requestBody("ILS-LOCKED", "LOAN", "\"bvas\""));
    assertProblem(r, 401, "unauthorized");
    assertTrue(json(r).get("detail").asText().contains("no API key is configured"));
    assertProblem(f.call(locked, "GET", "/transactions", null), 401, "unauthorized");
    assertTrue(f.store.search(new org.illbridge.api.store.TransactionQuery("ILS-LOCKED", null, null, null, null, 10, null))
        .items().isEmpty());
  }

  @Test
  void missingOrWrongKeyIs401WithAChallenge() {
    ApiResponse missing = f.call("GET", "/transactions", null, "X-API-Key", null);
    assertProblem(missing, 401, "unauthorized");
    assertEquals("ApiKey header=\"X-API-Key\"", missing.headers().get("WWW-Authenticate"));
    assertProblem(f.call("GET", "/transactions", null, "X-API-Key", EngineFixture.API_KEY + "x"), 401, "unauthorized");
    assertProblem(f.call("GET", "/transactions", null, "X-API-Key", ApiKeys.hashOf(EngineFixture.API_KEY)), 401, "unauthorized");
    assertEquals(200, f.call("GET", "/transactions", null).status());
  }

  @Test
  void theOpenApiDescriptionNeedsNoKey() {
    ApiResponse r = f.call("GET", "/openapi.json", null, "X-API-Key", null);
    assertEquals(200, r.status());
    assertEquals("3.0.3", json(r).get("openapi").asText());
  }

  // --- POST /requests ----------------------------------------------------------------------------

  @Test
  void createRequestQueuesItForTheFirstLenderAndIsAudited() {
    ApiResponse r = f.call("POST", "/requests", requestBody("ILS-CREATE", "LOAN", "\"bvas\",\"bvau\""));
    assertEquals(201, r.status(), r.bodyText());
    JsonNode body = json(r);
    String key = body.get("key").asText();
    assertTrue(key.matches("IB[0-9A-Z]{10}"), key);
    assertEquals("/api/v1/transactions/" + key, r.headers().get("Location"));
    assertEquals("REQUESTED", body.get("state").asText());
    assertEquals("Requested", body.get("stateLabel").asText());
    assertEquals("bvas", body.get("currentLender").asText());
    assertEquals("ILS-CREATE", body.at("/requester/requesterTransactionId").asText());
    assertEquals(key + "-1", body.at("/supplier/requesterTransactionId").asText());
    assertTrue(body.get("created").asBoolean());

    List<OutboxItem> rows = f.outbox.list(new OutboxQuery(OutboxStatus.PENDING, "bvas", key, 10, null)).items();
    assertEquals(1, rows.size());
    assertEquals(MessageType.REQUEST, rows.get(0).messageType());
    List<AuditEntry> audit = f.store.audit(key, null, 50, null).items();
    assertTrue(audit.stream().anyMatch(a -> a.actor().equals("api:frontdesk") && a.action().equals("rest.request.create")),
        audit.toString());
  }

  @Test
  void theSameRequestIdAgainReturnsTheExistingTransaction() {
    ApiResponse first = f.call("POST", "/requests", requestBody("ILS-TWICE", "LOAN", "\"bvas\""));
    ApiResponse second = f.call("POST", "/requests", requestBody("ILS-TWICE", "LOAN", "\"bvas\""));
    assertEquals(201, first.status());
    assertEquals(200, second.status(), second.bodyText());
    assertEquals(json(first).get("key"), json(second).get("key"));
    assertFalse(json(second).get("created").asBoolean());
    String key = json(first).get("key").asText();
    List<AuditEntry> creations = f.store.audit(key, null, 50, null).items().stream()
        .filter(a -> a.action().equals("rest.request.create")).toList();
    assertEquals(1, creations.size(), "the repeat is not audited as a second creation: " + creations);
    assertEquals("home", creations.get(0).partnerKey(), "the audit line names the sending partner");
  }

  @Test
  void aGroupOfEqualCandidatesIsAcceptedAndReachesTheRotaAsOneList() {
    ApiResponse r = f.call("POST", "/requests", requestBody("ILS-G1", "LOAN", "[\"bvau\",\"bvas\"]"));
    assertEquals(201, r.status(), r.bodyText());
    JsonNode tx = json(f.call("GET", "/transactions/" + json(r).get("key").asText(), null));
    assertEquals(2, tx.get("lenders").size(), tx.toString());
    assertTrue(List.of("bvau", "bvas").contains(tx.get("lenders").get(0).asText()), tx.toString());
  }

  @Test
  void invalidRequestsNameTheField() {
    assertField(f.call("POST", "/requests", "{\"requester\":\"ISIL:CA-HOME\",\"serviceType\":\"LOAN\",\"item\":{\"title\":\"x\"}}"), "lenders");
    assertField(f.call("POST", "/requests", requestBody("ILS-X1", "LOAN", "\"nosuch\"")), "lenders[0]");
    assertField(f.call("POST", "/requests", requestBody("ILS-X2", "LOAN", "\"bvas\",\"bvas\"")), "lenders[1]");
    assertField(f.call("POST", "/requests", requestBody("ILS-X3", "LOAN", "\"home\"")), "lenders[0]");
    assertField(f.call("POST", "/requests", requestBody("ILS-X4", "LOAN", "")), "lenders");
    assertField(f.call("POST", "/requests", requestBody("ILS-X11", "LOAN", "\"bvau\",[\"bvas\",\"bvau\"]")), "lenders[1][1]");
    assertField(f.call("POST", "/requests", requestBody("ILS-X12", "LOAN", "[\"bvas\",7]")), "lenders[0][1]");
    assertField(f.call("POST", "/requests", requestBody("ILS-X13", "LOAN", "{\"a\":1}")), "lenders[0]");
    assertField(f.call("POST", "/requests", requestBody("ILS-X5", "LEND", "\"bvas\"")), "serviceType");
    assertField(f.call("POST", "/requests", requestBody("ILS-X6", "LOAN", "\"bvas\"").replace("ISIL:CA-HOME", "CA-HOME")), "requester");
    assertField(f.call("POST", "/requests", requestBody("ILS-X7", "LOAN", "\"bvas\"").replace("ISIL:CA-HOME", "NUC:BVAU")), "requester");
    assertField(f.call("POST", "/requests", requestBody("ILS-X8", "LOAN", "\"bvas\"").replace("\"title\":\"Moby Dick\",\"author\":\"Melville\"", "\"author\":\"Melville\"")), "item");
    assertField(f.call("POST", "/requests", requestBody("ILS-X9", "LOAN", "\"bvas\"").replace("\"note\"", "\"notes\"")), "notes");
    assertField(f.call("POST", "/requests", requestBody("ILS-X10", "LOAN", "\"bvas\"").replace("\"note\":\"rush\"", "\"attributes\":{\"bridge.lenders\":\"x\"}")), "attributes.bridge.lenders");
    ApiResponse bad = f.call("POST", "/requests", "{\"requester\":");
    assertProblem(bad, 400, "malformed-json");
    assertProblem(f.call("POST", "/requests", "[]"), 400, "malformed-json");
    assertProblem(f.call("POST", "/requests", requestBody("ILS-X11", "LOAN", "\"bvas\""), "Content-Type", "text/plain"), 415, "unsupported-media-type");
    assertTrue(f.store.search(new org.illbridge.api.store.TransactionQuery("ILS-X1", null, null, null, null, 10, null)).items().isEmpty());
  }

  private static void assertField(ApiResponse r, String field) {
    assertProblem(r, 400, "invalid-field");
    assertEquals(field, json(r).get("field").asText(), r.bodyText());
  }

  @Test
  void bodiesOverTheLimitAreRefusedWhileReading() {
    RestApi small = new RestApi(f.actions, f.store, f.directory,
        ApiKeys.parse(new String[] {"frontdesk:" + ApiKeys.hashOf(EngineFixture.API_KEY)}), "home", 1024, f.clock);
    String big = "{\"note\":\"" + "x".repeat(2000) + "\"}";
    assertProblem(f.call(small, "POST", "/requests", big), 413, "body-too-large");
    assertProblem(f.call(small, "POST", "/requests", "{}", "Content-Length", "5000000"), 413, "body-too-large");
    // A body that never ends is cut off at the limit, not read to the end.
    InputStream endless = new InputStream() {
      long served;

      @Override
      public int read() {
        served++;
        if (served > 10_000_000) {
          throw new AssertionError("read far past the limit");
        }
        return 'x';
      }
    };
    ApiResponse r = small.handle(new ApiRequest("POST", "/requests", null,
        n -> n.equalsIgnoreCase("X-API-Key") ? EngineFixture.API_KEY : n.equalsIgnoreCase("Content-Type") ? "application/json" : null,
        endless, null));
    assertProblem(r, 413, "body-too-large");
  }

  @Test
  void aMissingHomePartnerIsAClearServerSideProblem() {
    RestApi misconfigured = f.api(ApiKeys.parse(new String[] {"frontdesk:" + ApiKeys.hashOf(EngineFixture.API_KEY)}), "nohome");
    ApiResponse r = f.call(misconfigured, "POST", "/requests", requestBody("ILS-NOHOME", "LOAN", "\"bvas\""));
    assertProblem(r, 503, "home-partner-not-configured");
    assertTrue(json(r).get("detail").asText().contains("'nohome'"));
  }

  // --- reading -----------------------------------------------------------------------------------

  @Test
  void getTransactionShowsStateLendersAndHistoryInTheAskedLanguage() {
    String key = create("LOAN");
    ApiResponse r = f.call("GET", "/transactions/" + key, null, "Accept-Language", "fr-CA,fr;q=0.9,en;q=0.5");
    assertEquals(200, r.status(), r.bodyText());
    JsonNode t = json(r);
    assertEquals(key, t.get("key").asText());
    assertEquals("Demandée", t.get("stateLabel").asText());
    assertEquals("Prêt", t.get("serviceTypeLabel").asText());
    assertEquals("bvas", t.at("/lenders/0").asText());
    assertEquals("bvau", t.at("/lenders/1").asText());
    assertEquals(0, t.get("lenderPosition").asInt());
    assertEquals("Moby Dick / Melville", t.get("item").asText());
    JsonNode first = t.at("/messages/0");
    assertEquals("INBOUND", first.get("direction").asText());
    assertEquals("REQUEST", first.get("type").asText());
    assertEquals("Demande", first.get("typeLabel").asText());
    assertEquals("REST", first.get("protocol").asText());
    assertFalse(r.bodyText().contains("Ishmael"), "patron data is not shown");
  }

  @Test
  void unknownTransactionsAndRoutes() {
    assertProblem(f.call("GET", "/transactions/IB0000000000", null), 404, "not-found");
    assertProblem(f.call("GET", "/transactions/..%2F", null), 404, "not-found");
    assertProblem(f.call("POST", "/transactions/IB0000000000/actions/received", null), 404, "not-found");
    assertProblem(f.call("GET", "/nothing", null), 404, "not-found");
    ApiResponse wrongMethod = f.call("DELETE", "/transactions/IB0000000000", null);
    assertProblem(wrongMethod, 405, "method-not-allowed");
    assertEquals("GET", wrongMethod.headers().get("Allow"));
    assertProblem(f.call("POST", "/transactions/IB0000000000/actions/ship", null), 404, "not-found");
  }

  @Test
  void listingFiltersAndPagesWithTheStoreCursor() {
    String a = create("LOAN");
    String b = create("LOAN");
    String c = create("LOAN");
    assertEquals(200, f.call("POST", "/transactions/" + c + "/actions/cancel", null).status());

    ApiResponse page1 = f.call("GET", "/transactions?partner=bvas&state=REQUESTED,CANCEL_PENDING&limit=2", null);
    assertEquals(200, page1.status(), page1.bodyText());
    JsonNode p1 = json(page1);
    assertEquals(2, p1.get("items").size());
    assertEquals(c, p1.at("/items/0/key").asText(), "newest first");
    assertEquals(b, p1.at("/items/1/key").asText());
    String next = p1.get("next").asText();
    JsonNode p2 = json(f.call("GET", "/transactions?partner=bvas&state=REQUESTED,CANCEL_PENDING&limit=2&after=" + next, null));
    assertEquals(a, p2.at("/items/0/key").asText());

    JsonNode cancelling = json(f.call("GET", "/transactions?state=cancel_pending&limit=1000", null));
    assertTrue(cancelling.get("items").findValuesAsText("key").contains(c));
    assertFalse(cancelling.get("items").findValuesAsText("key").contains(a));
    JsonNode byId = json(f.call("GET", "/transactions?id=" + a + "-1", null));
    assertEquals(1, byId.get("items").size());
    assertTrue(byId.get("next").isNull());
    JsonNode future = json(f.call("GET", "/transactions?from=2999-01-01", null));
    assertEquals(0, future.get("items").size());
    JsonNode today = json(f.call("GET", "/transactions?from=2025-03-03&to=2025-03-03&limit=1000", null));
    assertTrue(today.get("items").findValuesAsText("key").contains(a));

    assertEquals("state", json(f.call("GET", "/transactions?state=SENT", null)).get("field").asText());
    assertProblem(f.call("GET", "/transactions?colour=red", null), 400, "bad-request");
    assertProblem(f.call("GET", "/transactions?after=not-a-cursor", null), 400, "bad-request");
    assertProblem(f.call("GET", "/transactions?from=03/03/2025", null), 400, "bad-request");
    assertProblem(f.call("GET", "/transactions?limit=0", null), 400, "bad-request");
    assertProblem(f.call("GET", "/transactions?limit=2&limit=3", null), 400, "bad-request");
  }

  // --- actions -----------------------------------------------------------------------------------

  @Test
  void staffActionsGoThroughTheEngineStateMachine() {
    String key = create("LOAN");
    ApiResponse received = f.call("POST", "/transactions/" + key + "/actions/received", "{\"note\":\"arrived today\"}");
    assertEquals(200, received.status(), received.bodyText());
    assertEquals("RECEIVED", json(received).at("/transaction/state").asText());
    assertEquals("RECEIVED", json(received).get("message").asText());

    ApiResponse renew = f.call("POST", "/transactions/" + key + "/actions/renew", "{\"dueDate\":\"2025-05-01\"}");
    assertEquals(200, renew.status(), renew.bodyText());
    assertProblem(f.call("POST", "/transactions/" + key + "/actions/renew", "{\"dueDate\":\"May 1\"}"), 400, "invalid-field");

    assertEquals(200, f.call("POST", "/transactions/" + key + "/actions/returned", null).status());
    ApiResponse again = f.call("POST", "/transactions/" + key + "/actions/returned", null);
    assertProblem(again, 409, "invalid-state");
    assertEquals("invalid-state", json(again).get("reason").asText());
    assertEquals("Returned", json(again).get("stateLabel").asText());

    ApiResponse complete = f.call("POST", "/transactions/" + key + "/actions/complete", null);
    assertProblem(complete, 409, "invalid-state");
    assertTrue(json(complete).get("detail").asText().contains("Checked-In"));

    List<AuditEntry> audit = f.store.audit(key, null, 50, null).items();
    assertTrue(audit.stream().anyMatch(a -> a.action().equals("rest.action.received") && a.actor().equals("api:frontdesk")));
    assertTrue(audit.stream().anyMatch(a -> a.action().equals("rest.action.returned")));
    assertEquals(TransactionState.RETURNED, f.store.find(key).orElseThrow().state());
    // The messages were logged as from the home system (the refused one too) and queued to the lender.
    List<org.illbridge.api.store.MessageRecord> inbound = f.store.messages(key).stream()
        .filter(m -> m.direction() == Direction.INBOUND).toList();
    assertEquals(5, inbound.size());
    assertEquals("rejected:invalid-state", inbound.get(4).result());
    assertEquals(4, f.outbox.list(new OutboxQuery(OutboxStatus.PENDING, "bvas", key, 10, null)).items().size());
  }

  @Test
  void cancelMessageAndCompleteACopy() {
    String loan = create("LOAN");
    ApiResponse cancel = f.call("POST", "/transactions/" + loan + "/actions/cancel", null);
    assertEquals("CANCEL_PENDING", json(cancel).at("/transaction/state").asText());
    assertProblem(f.call("POST", "/transactions/" + loan + "/actions/message", "{}"), 400, "invalid-field");
    assertProblem(f.call("POST", "/transactions/" + loan + "/actions/message", "{\"note\":\"x\",\"dueDate\":\"2025-01-01\"}"), 400, "invalid-field");
    ApiResponse note = f.call("POST", "/transactions/" + loan + "/actions/message", "{\"note\":\"please hurry\"}");
    assertEquals(200, note.status(), note.bodyText());
    assertEquals("NOTE", json(note).get("message").asText());

    String copy = create("COPY");
    ApiResponse complete = f.call("POST", "/transactions/" + copy + "/actions/complete", null);
    assertEquals(200, complete.status(), complete.bodyText());
    assertEquals("RECEIVED", json(complete).get("message").asText());
  }

  /**
   * Repeat Last Message is the engine's (its tests cover the semantics); here: the mapping of its
   * results to HTTP and that the API key's label is the actor. A stand-in, because the engine's
   * StaffActions blocks on the Derby store (it reads the message log on a second connection while
   * holding the transaction's row lock) - reported to the engine's owner.
   */
  @Test
  void repeatLastMessageMapsTheEngineResults() {
    String key = create("LOAN");
    java.util.Deque<EngineActions.RepeatResult> results = new java.util.ArrayDeque<>(List.of(
        EngineActions.RepeatResult.NOTHING_TO_REPEAT, EngineActions.RepeatResult.QUEUED,
        EngineActions.RepeatResult.ALREADY_QUEUED, EngineActions.RepeatResult.UNKNOWN_TRANSACTION));
    List<String> actors = new java.util.ArrayList<>();
    EngineActions engine = new EngineActions() {
      @Override
      public RepeatResult repeatLastMessage(String bridgeKey, String actor) {
        assertEquals(key, bridgeKey);
        actors.add(actor);
        return results.pop();
      }

      @Override
      public boolean acceptReview(String bridgeKey, String partnerKey, String actor) {
        throw new AssertionError();
      }

      @Override
      public boolean rejectReview(String bridgeKey, String reason, String actor) {
        throw new AssertionError();
      }

      @Override
      public org.illbridge.api.transport.InboundResult handle(
          org.illbridge.api.transport.InboundMessage message, AuditLine audit) {
        throw new AssertionError();
      }
    };
    RestApi api = new RestApi(engine, f.store, f.directory,
        ApiKeys.parse(new String[] {"frontdesk:" + ApiKeys.hashOf(EngineFixture.API_KEY)}), "home", 1 << 20, f.clock);
    String path = "/transactions/" + key + "/actions/repeat-last-message";
    assertProblem(f.call(api, "POST", path, null), 409, "nothing-to-repeat");
    ApiResponse queued = f.call(api, "POST", path, null);
    assertEquals(202, queued.status(), queued.bodyText());
    assertEquals("queued", json(queued).get("result").asText());
    ApiResponse again = f.call(api, "POST", path, "{}");
    assertEquals(200, again.status());
    assertEquals("already-queued", json(again).get("result").asText());
    assertProblem(f.call(api, "POST", path, null), 404, "not-found");
    assertProblem(f.call(api, "POST", path, "{\"note\":\"x\"}"), 400, "invalid-field");
    assertEquals(List.of("api:frontdesk", "api:frontdesk", "api:frontdesk", "api:frontdesk"), actors);
  }

  // --- failures ----------------------------------------------------------------------------------

  @Test
  void aStoreOutageIs503AndABugIs500WithoutAStackTrace() {
    TransactionStore down = (TransactionStore) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {TransactionStore.class}, (proxy, method, args) -> {
          throw new StoreException("database is gone at org.apache.derby.Foo");
        });
    ApiKeys keys = ApiKeys.parse(new String[] {"frontdesk:" + ApiKeys.hashOf(EngineFixture.API_KEY)});
    RestApi outage = new RestApi(f.actions, down, f.directory, keys, "home", 1 << 20, f.clock);
    ApiResponse r = f.call(outage, "GET", "/transactions/IB0000000000", null);
    assertProblem(r, 503, "store-unavailable");
    assertFalse(r.bodyText().contains("derby"), r.bodyText());
    assertEquals("30", r.headers().get("Retry-After"));

    EngineActions broken = (EngineActions) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {EngineActions.class}, (proxy, method, args) -> {
          throw new IllegalStateException("secret internals");
        });
    RestApi buggy = new RestApi(broken, f.store, f.directory, keys, "home", 1 << 20, f.clock);
    ApiResponse bug = f.call(buggy, "POST", "/requests", requestBody("ILS-BUG", "LOAN", "\"bvas\""));
    assertProblem(bug, 500, "internal-error");
    assertFalse(bug.bodyText().contains("secret internals"));
    assertNotEquals("", json(bug).get("incident").asText());
  }

  @Test
  void readsTheBodyFromTheStreamNotJustTheHeaders() {
    ApiResponse r = f.api.handle(new ApiRequest("POST", "/requests", null,
        n -> n.equalsIgnoreCase("X-API-Key") ? EngineFixture.API_KEY
            : n.equalsIgnoreCase("Content-Type") ? "application/json; charset=utf-8" : null,
        new ByteArrayInputStream(new byte[0]), null));
    assertProblem(r, 400, "malformed-json");
  }
}
