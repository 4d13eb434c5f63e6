package org.illbridge.iso10161;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CodeLabelsTest {
  @SuppressWarnings({"unchecked", "rawtypes"})
  @Test
  void everyCodeHasAnEnglishAndAFrenchLabel() {
    List<Class<? extends Enum>> enums = List.of(ApduType.class, IllServiceType.class,
        TransactionType.class, TransactionResults.class, ReasonCode.class, Condition.class,
        MediumType.class, ItemType.class, MessagingPreference.class, PlaceOnHold.class,
        ExpiryFlag.class, SendToPreference.class, ReasonNoReport.class, ReportSource.class,
        GeneralProblem.class, TransactionIdProblem.class, CurrentState.class,
        UnableToPerform.class, ApduEncoding.class);
    for (Class<? extends Enum> e : enums) {
      for (Enum v : e.getEnumConstants()) {
        for (Locale l : List.of(Locale.ENGLISH, Locale.FRENCH)) {
          assertTrue(CodeLabels.hasLabel((Enum & IllEnum) v, l), e.getSimpleName() + "." + v + " " + l);
        }
      }
    }
  }

  @Test
  void labelsAndUnknownValues() {
    assertEquals("In use (on loan)", CodeLabels.label(ReasonCode.IN_USE_ON_LOAN, Locale.ENGLISH));
    assertEquals("En prêt", CodeLabels.label(ReasonCode.IN_USE_ON_LOAN, Locale.FRENCH));
    assertEquals("En prêt", CodeLabels.label(ReasonCode.class, "in-use-on-loan", Locale.CANADA_FRENCH));
    assertEquals("Other value (zzz)", CodeLabels.label(ReasonCode.class, "zzz", Locale.GERMAN));
  }
}
