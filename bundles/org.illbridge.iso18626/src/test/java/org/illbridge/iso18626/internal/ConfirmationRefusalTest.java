package org.illbridge.iso18626.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.illbridge.iso18626.ErrorType;
import org.illbridge.iso18626.Iso18626Codec;
import org.illbridge.iso18626.Iso18626Version;
import org.junit.jupiter.api.Test;

/** The engine learns from a partner's confirmation whether it refused what was sent. */
class ConfirmationRefusalTest {

  private final Iso18626ProtocolCodec codec = new Iso18626ProtocolCodec(TestConfigs.config());

  @Test
  void anErrorConfirmationIsARefusalNamingItsErrorType() throws Exception {
    byte[] reply = Confirmations.error("requestingAgencyMessage", ErrorType.UNSUPPORTED_ACTION_TYPE,
        "Renew", Iso18626Version.V2017);
    assertEquals("UnsupportedActionType: Renew", codec.refusal(reply));
    byte[] bad = Confirmations.error("supplyingAgencyMessage", ErrorType.BADLY_FORMED_MESSAGE, null,
        Iso18626Version.V2021);
    assertEquals("BadlyFormedMessage", codec.refusal(bad));
  }

  @Test
  void anOkConfirmationAnEmptyReplyOrSomethingElseIsNoRefusal() throws Exception {
    Iso18626Codec plain = new Iso18626Codec(Iso18626Codec.Options.strictDefaults());
    byte[] ok = plain.write(Confirmations.unreadable("request", ErrorType.BADLY_FORMED_MESSAGE, "x"),
        Iso18626Version.V2017);
    String okText = new String(ok, StandardCharsets.UTF_8).replace(">ERROR<", ">OK<")
        .replaceAll("<([a-z0-9]+:)?errorData>.*</([a-z0-9]+:)?errorData>", "");
    assertNull(codec.refusal(okText.getBytes(StandardCharsets.UTF_8)), okText);
    assertNull(codec.refusal(new byte[0]));
    assertNull(codec.refusal("<html>gateway</html>".getBytes(StandardCharsets.UTF_8)));
  }
}
