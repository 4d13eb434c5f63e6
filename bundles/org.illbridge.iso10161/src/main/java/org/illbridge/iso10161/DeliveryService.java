package org.illbridge.iso10161;

import java.util.List;

/** Delivery-Service: physical-delivery [7] (a transportation mode) or electronic-delivery [50]. */
public sealed interface DeliveryService {

  /** physical-delivery [7] Transportation-Mode. */
  record Physical(IllString transportationMode) implements DeliveryService {}

  /** electronic-delivery [50] SEQUENCE OF Electronic-Delivery-Service (protocol version 2). */
  record Electronic(List<ElectronicDeliveryService> services) implements DeliveryService {
    public Electronic {
      services = services == null ? List.of() : List.copyOf(services);
    }
  }
}
