package org.illbridge.simulator.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.illbridge.iso10161.ApduHeader;
import org.illbridge.iso10161.BerCodec;
import org.illbridge.iso10161.DeliveryAddress;
import org.illbridge.iso10161.IllApdu;
import org.illbridge.iso10161.IllCodecException;
import org.illbridge.iso10161.IllRequest;
import org.illbridge.iso10161.IllServiceType;
import org.illbridge.iso10161.IllString;
import org.illbridge.iso10161.IsoDateTime;
import org.illbridge.iso10161.ItemId;
import org.illbridge.iso10161.MessagingPreference;
import org.illbridge.iso10161.NameOfPersonOrInstitution;
import org.illbridge.iso10161.PartyKind;
import org.illbridge.iso10161.PostalAddress;
import org.illbridge.iso10161.RequesterOptionalMessages;
import org.illbridge.iso10161.SearchType;
import org.illbridge.iso10161.ServiceDateTime;
import org.illbridge.iso10161.SystemId;
import org.illbridge.iso10161.TransactionId;

/** Builds and sends the APDUs a bridge would send to a lender. */
final class Requests {
  static final String REQUESTER = "BVAS";
  static final BerCodec CODEC = new BerCodec();

  private Requests() {}

  static ApduHeader header(String requestNumber, String responder) {
    return new ApduHeader(2, new TransactionId(SystemId.institution(REQUESTER), IllString.of("G"),
        IllString.of(requestNumber), null),
        new ServiceDateTime(new IsoDateTime("20240315", "101530"), null),
        SystemId.institution(REQUESTER), SystemId.institution(responder));
  }

  /** A request with everything OCLC asks for (seed 002). */
  static IllRequest complete(String requestNumber, String responder) {
    ItemId item = new ItemId(null, null, null, IllString.of("Knuth, Donald"),
        IllString.of("The Art of Computer Programming"), null, null, null, null, null, null, null,
        null, null, null, null, null, null, IllString.of("0201896834"), null, null, null,
        IllString.of("WorldCat"));
    return new IllRequest(header(requestNumber, responder), null,
        new DeliveryAddress(new PostalAddress(new NameOfPersonOrInstitution(PartyKind.INSTITUTION,
            IllString.of("SFU Library")), null, IllString.of("8888 University Dr"), null,
            IllString.of("Burnaby"), IllString.of("BC"), IllString.of("CA"), null), null),
        null, null, List.of(IllServiceType.LOAN), null,
        new RequesterOptionalMessages(true, true, MessagingPreference.REQUIRES, MessagingPreference.DESIRES),
        new SearchType(IllString.of("normal"), null, null, null), null, null, null, item, null,
        null, null, null, false, false, null, null, null);
  }

  /** Title only: no verification source, ship-to or service level. */
  static IllRequest titleOnly(String requestNumber, String responder) {
    return new IllRequest(header(requestNumber, responder), null, null, null, null,
        List.of(IllServiceType.LOAN), null, new RequesterOptionalMessages(true, true, MessagingPreference.REQUIRES, MessagingPreference.DESIRES),
        null, null, null, null, ItemId.titled("Hamlet"), null, null, null, null, false, false,
        null, null, null);
  }

  static void send(int port, IllApdu apdu) throws IOException, IllCodecException {
    sendRaw(port, CODEC.encode(apdu));
  }

  static void sendRaw(int port, byte[] bytes) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
      s.shutdownOutput();
      // wait until the simulator has read everything and closed its side
      s.getInputStream().read();
    }
  }
}
