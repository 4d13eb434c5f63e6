package org.illbridge.iso18626;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CodeLabelsTest {

  /** Every code list the bundle defines; a new enum must be added here and labelled. */
  static final List<Class<? extends CodeValue>> CODE_LISTS = List.of(Status.class, ReasonForMessage.class,
      Action.class, ErrorType.class, MessageStatus.class, YesNo.class, RequestType.class, RequestSubType.class,
      ServiceType.class, PreferredEdition.class, ReasonUnfilled.class, ReasonRetry.class, ServiceLevel.class,
      LoanCondition.class, DeliveryMethod.class);

  @Test
  void everyCodeValueHasEnglishAndFrenchText() {
    List<String> missing = new ArrayList<>();
    for (Class<? extends CodeValue> list : CODE_LISTS) {
      for (CodeValue v : list.getEnumConstants()) {
        for (Locale l : List.of(Locale.ENGLISH, Locale.FRENCH)) {
          if (!CodeLabels.hasLabel(v, l)) {
            missing.add(l + ":" + list.getSimpleName() + "." + v.code());
          }
        }
      }
    }
    assertEquals(List.of(), missing);
  }

  @Test
  void labelsAreTranslatedAndNeverTheRawCode() {
    assertEquals("On loan", CodeLabels.label(Status.LOANED, Locale.ENGLISH));
    assertEquals("Prêté", CodeLabels.label(Status.LOANED, Locale.CANADA_FRENCH));
    assertEquals("Not on the shelf", CodeLabels.label(ReasonUnfilled.class, "notonshelf", Locale.UK));
    assertEquals("Item does not circulate", CodeLabels.label(ReasonUnfilled.NON_CIRCULATING, Locale.ENGLISH));
    // a language without its own file gets English
    assertEquals("On loan", CodeLabels.label(Status.LOANED, Locale.GERMAN));
  }

  @Test
  void unknownOpenListValueIsMarkedAsOther() {
    assertEquals("Other value (Flooded)", CodeLabels.label(ReasonUnfilled.class, "Flooded", Locale.ENGLISH));
    assertEquals("Autre valeur (Flooded)", CodeLabels.label(ReasonUnfilled.class, "Flooded", Locale.FRENCH));
  }

  @Test
  void frenchDiffersFromEnglishForStatuses() {
    int same = 0;
    for (Status s : Status.values()) {
      if (CodeLabels.label(s, Locale.ENGLISH).equals(CodeLabels.label(s, Locale.FRENCH))) {
        same++;
      }
    }
    assertEquals(0, same, "every status should have French text of its own");
  }
}
