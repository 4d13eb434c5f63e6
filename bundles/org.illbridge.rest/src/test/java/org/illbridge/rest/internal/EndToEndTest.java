package org.illbridge.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.illbridge.api.model.IllMessage;
import org.illbridge.api.model.MessageType;
import org.illbridge.api.store.OutboxItem;
import org.illbridge.api.store.OutboxQuery;
import org.illbridge.api.store.OutboxStatus;
import org.illbridge.api.store.TransactionRecord;
import org.illbridge.api.transport.InboundResult;
import org.illbridge.rest.WebhookSignature;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Home system → API → engine → lenders → engine → signed webhook, on the real engine and Derby
 * store: the request reaches the first lender, is rebuilt from the logged REST JSON for the
 * second after an Unfilled, the Shipped reaches the home system signed, and a staff action goes
 * back to the lender.
 */
class EndToEndTest {

  @TempDir Path dir;
  private EngineFixture f;

  @BeforeEach
  void start() throws Exception {
    f = new EngineFixture(dir);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void requestRotaShippedWebhookAndReceived() throws Exception {
    ApiResponse created = f.call("POST", "/requests", RestApiTest.requestBody("ILS-E2E", "LOAN", "\"bvas\",\"bvau\""));
    assertEquals(201, created.status(), created.bodyText());
    String key = RestApiTest.json(created).get("key").asText();

    List<OutboxItem> queued = f.outbox.list(new OutboxQuery(OutboxStatus.PENDING, "bvas", key, 10, null)).items();
    assertEquals(1, queued.size(), "an outbox row towards the first lender");
    f.drain();
    IllMessage toBvas = f.lenders.to("bvas.example").get(0);
    assertEquals(MessageType.REQUEST, toBvas.type());
    assertEquals(key + "-1", toBvas.requesterTransactionId());
    assertEquals("ISIL:CA-HOME", toBvas.sender().toString());
    assertEquals("Moby Dick", toBvas.item().title());
    assertEquals("rush", toBvas.note());
    assertTrue(!toBvas.attributes().containsKey("bridge.lenders"));

    // bvas cannot supply: the engine rebuilds the request from the logged REST JSON for bvau.
    TransactionRecord tx = f.store.find(key).orElseThrow();
    f.fromLender(IllMessage.builder(MessageType.UNFILLED).requesterTransactionId(tx.supplier().requesterTxId())
        .sender(tx.supplier().agencyId()).timestamp(f.clock.instant()).reason("not-held").build());
    f.drain();
    IllMessage toBvau = f.lenders.to("bvau.example").get(0);
    assertEquals(key + "-2", toBvau.requesterTransactionId());
    assertEquals("Moby Dick", toBvau.item().title());
    assertEquals("Melville", toBvau.item().author());
    assertEquals("Ishmael", toBvau.patron().name());
    assertTrue(f.home.received.isEmpty(), "the home system hears nothing while lenders remain");

    tx = f.store.find(key).orElseThrow();
    InboundResult shipped = f.fromLender(IllMessage.builder(MessageType.SHIPPED)
        .requesterTransactionId(tx.supplier().requesterTxId()).supplierTransactionId("U-7")
        .sender(tx.supplier().agencyId()).timestamp(f.clock.instant())
        .dueDate(java.time.LocalDate.of(2025, 4, 30)).build());
    assertEquals(new InboundResult.Accepted(key, false), shipped);
    f.drain();

    assertEquals(1, f.home.received.size());
    WebhookReceiver.Received hook = f.home.received.get(0);
    assertTrue(WebhookSignature.verify(EngineFixture.SECRET, hook.body(), hook.header(WebhookSignature.SIGNATURE_HEADER)));
    JsonNode body = JsonFields.MAPPER.readTree(hook.body());
    assertEquals("SHIPPED", body.get("type").asText());
    assertEquals("Shipped", body.at("/labels/type").asText());
    assertEquals("ILS-E2E", body.get("requesterTransactionId").asText());
    assertEquals(key, body.get("supplierTransactionId").asText());
    assertEquals("NUC:BVAU", body.get("sender").asText());
    assertEquals("2025-04-30", body.get("dueDate").asText());

    JsonNode view = RestApiTest.json(f.call("GET", "/transactions/" + key, null));
    assertEquals("SHIPPED", view.get("state").asText());
    assertEquals("bvau", view.get("currentLender").asText());
    assertEquals(1, view.get("lenderPosition").asInt());
    assertEquals("2025-04-30", view.get("dueDate").asText());
    assertTrue(view.get("messages").size() >= 6, view.toString());

    ApiResponse received = f.call("POST", "/transactions/" + key + "/actions/received", null);
    assertEquals(200, received.status(), received.bodyText());
    f.drain();
    List<IllMessage> bvau = f.lenders.to("bvau.example");
    IllMessage last = bvau.get(bvau.size() - 1);
    assertEquals(MessageType.RECEIVED, last.type());
    assertEquals(key + "-2", last.requesterTransactionId());
    assertEquals("U-7", last.supplierTransactionId());
  }
}
