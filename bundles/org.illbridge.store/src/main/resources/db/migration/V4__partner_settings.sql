-- Per-partner dialect settings (Partner.settings, API model 1.1.0): setting.<key>=value lines of a
-- partner configuration file, preferred by the partner's dialect over its dialect-wide default.
CREATE TABLE PARTNER_SETTING (
  PARTNER_ID BIGINT NOT NULL,
  NAME VARCHAR(128) NOT NULL,
  SETTING_VALUE VARCHAR(2000) NOT NULL,
  PRIMARY KEY (PARTNER_ID, NAME),
  CONSTRAINT FK_SETTING_PARTNER FOREIGN KEY (PARTNER_ID) REFERENCES PARTNER (ID) ON DELETE CASCADE
);
