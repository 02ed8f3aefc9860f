<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DatabaseLogin</name>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="22"/>
        <source>The server wants a password; PGPASSWORD and ~/.pgpass have none for this user.</source>
        <translation>Der Server verlangt ein Passwort; PGPASSWORD und ~/.pgpass enthalten keines für diesen Benutzer.</translation>
    </message>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="23"/>
        <source>The server refused the password.</source>
        <translation>Der Server hat das Passwort abgelehnt.</translation>
    </message>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="26"/>
        <source>no password given for the store</source>
        <translation>kein Passwort für die Datenbank angegeben</translation>
    </message>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="28"/>
        <source>restart and enter it, or put it in ~/.pgpass (mode 0600)</source>
        <translation>neu starten und eingeben, oder in ~/.pgpass eintragen (Modus 0600)</translation>
    </message>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="35"/>
        <source>the server refused the password %1 times</source>
        <translation>der Server hat das Passwort %1-mal abgelehnt</translation>
    </message>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="37"/>
        <source>check the user name in the URL and the password with your DBA</source>
        <translation>Benutzernamen in der URL und das Passwort mit Ihrem DBA prüfen</translation>
    </message>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="45"/>
        <source>Store password — Lockstep</source>
        <translation>Datenbank-Passwort — Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/team/DatabaseLogin.cpp" line="46"/>
        <source>%1
Password for %2 (kept for this session only):</source>
        <translation>%1
Passwort für %2 (nur für diese Sitzung behalten):</translation>
    </message>
</context>
<context>
    <name>LiveGateState</name>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="38"/>
        <source>waiting for data</source>
        <translation>wartet auf Daten</translation>
    </message>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="39"/>
        <source>passing</source>
        <translation>besteht</translation>
    </message>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="40"/>
        <source>failing</source>
        <translation>besteht nicht</translation>
    </message>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="41"/>
        <source>inconclusive</source>
        <translation>nicht eindeutig</translation>
    </message>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="42"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="43"/>
        <source>scrape error</source>
        <translation>Abfragefehler</translation>
    </message>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="44"/>
        <source>needs Prometheus</source>
        <translation>braucht Prometheus</translation>
    </message>
    <message>
        <location filename="../app/metrics/LiveGateTracker.cpp" line="61"/>
        <source>a PromQL gate is measured by a Prometheus source during a run</source>
        <translation>ein PromQL-Gate wird während eines Laufs von einer Prometheus-Quelle gemessen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="39"/>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="40"/>
        <source>fail</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="41"/>
        <source>inconclusive</source>
        <translation>nicht eindeutig</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="42"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="43"/>
        <source>provider error</source>
        <translation>Fehler der Datenquelle</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/OperatorPrompt.cpp" line="32"/>
        <source>Reason (goes to the audit log):</source>
        <translation>Begründung (wird im Audit-Log festgehalten):</translation>
    </message>
</context>
<context>
    <name>SignatureVerification</name>
    <message>
        <location filename="../ui/upgrade/SignatureVerification.cpp" line="15"/>
        <source>the verification was cancelled; nothing was stored</source>
        <translation>die Prüfung wurde abgebrochen; nichts wurde gespeichert</translation>
    </message>
</context>
<context>
    <name>lockstep::AuditEventModel</name>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="52"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="53"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="54"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="55"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="56"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="57"/>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="58"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="59"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="60"/>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="61"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditEventModel.cpp" line="62"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
</context>
<context>
    <name>lockstep::AuditPage</name>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="34"/>
        <source>&amp;Verify chain</source>
        <translation>Kette &amp;prüfen</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="35"/>
        <source>&amp;Anchor head</source>
        <translation>Kopf &amp;verankern</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="36"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="42"/>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="44"/>
        <source>instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="46"/>
        <source>action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="48"/>
        <source>any text (reason, result, operator …)</source>
        <translation>beliebiger Text (Begründung, Ergebnis, Operator …)</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="53"/>
        <source>Write the chain&apos;s head to its witnesses outside the store (file, system log, team table)</source>
        <translation>Den Kopf der Kette bei ihren Zeugen außerhalb der Datenbank festhalten (Datei, Systemprotokoll, Team-Tabelle)</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="184"/>
        <source>Verifying the audit chain…</source>
        <translation>Die Audit-Kette wird geprüft…</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="195"/>
        <source>The chain is intact: %1 records, head %2…; %3 of them match the witnesses of its head.</source>
        <translation>Die Kette ist intakt: %1 Einträge, Kopf %2…; %3 davon stimmen mit den Zeugen ihres Kopfes überein.</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="200"/>
        <source>The chain is intact: %1 records, head %2…; no witness has anchored it yet, so records removed from its end would not show.</source>
        <translation>Die Kette ist intakt: %1 Einträge, Kopf %2…; noch kein Zeuge hat sie verankert, am Ende entfernte Einträge würden also nicht auffallen.</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="205"/>
        <source>The chain is broken at record %1 (%2): %3</source>
        <translation>Die Kette ist bei Eintrag %1 unterbrochen (%2): %3</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="220"/>
        <source>Head record %1 anchored in %2.</source>
        <translation>Kopfeintrag %1 verankert in %2.</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="224"/>
        <source>Head record %1 anchored, but not everywhere: %2 (recorded as audit record %3).</source>
        <translation>Kopfeintrag %1 verankert, aber nicht überall: %2 (festgehalten als Audit-Log-Eintrag %3).</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="235"/>
        <source>Export the audit log</source>
        <translation>Audit-Log exportieren</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="237"/>
        <source>JSON (*.json);;CSV (*.csv)</source>
        <translation>JSON (*.json);;CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="243"/>
        <location filename="../ui/audit/AuditPage.cpp" line="247"/>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/audit/AuditPage.cpp" line="251"/>
        <source>Audit log exported to %1.</source>
        <translation>Audit-Log nach %1 exportiert.</translation>
    </message>
</context>
<context>
    <name>lockstep::BadgeDelegate</name>
    <message>
        <location filename="../ui/fleet/BadgeDelegate.cpp" line="28"/>
        <source>patch</source>
        <translation>Patch</translation>
    </message>
    <message>
        <location filename="../ui/fleet/BadgeDelegate.cpp" line="29"/>
        <source>minor</source>
        <translation>Minor</translation>
    </message>
    <message>
        <location filename="../ui/fleet/BadgeDelegate.cpp" line="30"/>
        <source>major</source>
        <translation>Major</translation>
    </message>
    <message>
        <location filename="../ui/fleet/BadgeDelegate.cpp" line="31"/>
        <source>downgrade</source>
        <translation>Downgrade</translation>
    </message>
</context>
<context>
    <name>lockstep::ChecklistModel</name>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="29"/>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="30"/>
        <source>not run</source>
        <translation>nicht ausgeführt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="31"/>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="32"/>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="33"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="68"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="70"/>
        <source>, four-eyes</source>
        <translation>, Vier-Augen-Prinzip</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="73"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="83"/>
        <source>Item</source>
        <translation>Punkt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="84"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="85"/>
        <source>Sign-offs</source>
        <translation>Abzeichnungen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistModel.cpp" line="86"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>lockstep::ChecklistPage</name>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="39"/>
        <source>&amp;Sign off</source>
        <translation>&amp;Abzeichnen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="40"/>
        <source>Run &amp;checks</source>
        <translation>&amp;Prüfungen ausführen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="41"/>
        <source>S&amp;tart upgrade</source>
        <translation>Upgrade s&amp;tarten</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="62"/>
        <source>What you checked (stored with your sign-off)</source>
        <translation>Was Sie geprüft haben (wird mit Ihrer Abzeichnung gespeichert)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="66"/>
        <source>The evidence of the selected check appears here.</source>
        <translation>Hier erscheinen die Nachweise der ausgewählten Prüfung.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="36"/>
        <source>&amp;Import signature</source>
        <translation>Signatur &amp;importieren</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="53"/>
        <source>A second operator&apos;s signed sign-off (lockstep-cli signoff --sign … --output FILE): paste the file&apos;s text here and import it.</source>
        <translation>Die signierte Abzeichnung eines zweiten Operators (lockstep-cli signoff --sign … --output DATEI): den Text der Datei hier einfügen und importieren.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="84"/>
        <source>Signed in &amp;as:</source>
        <translation>A&amp;ngemeldet als:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="87"/>
        <source>Co&amp;mment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="92"/>
        <source>Si&amp;gnature:</source>
        <translation>Si&amp;gnatur:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="177"/>
        <source>Could not read the sign-offs of run %1: %2</source>
        <translation>Die Abzeichnungen von Lauf %1 konnten nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="193"/>
        <source>database role, approver</source>
        <translation>Datenbankrolle, darf freigeben</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="193"/>
        <source>database role, not an approver</source>
        <translation>Datenbankrolle, darf nicht freigeben</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="195"/>
        <source>OS account</source>
        <translation>Betriebssystemkonto</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="196"/>
        <source>name asserted for a test</source>
        <translation>für einen Test angegebener Name</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="204"/>
        <source>pasted signature</source>
        <translation>eingefügte Signatur</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="207"/>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="222"/>
        <source>Signature not accepted: %1</source>
        <translation>Signatur nicht angenommen: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="225"/>
        <source>%1 signed &quot;%2&quot; with an SSH key (verified).</source>
        <translation>%1 hat „%2“ mit einem SSH-Schlüssel abgezeichnet (geprüft).</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="229"/>
        <source>Verifying the signature with ssh-keygen…</source>
        <translation>Die Signatur wird mit ssh-keygen geprüft…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="235"/>
        <source>%n check(s) failed: %1. Select one to see the evidence, fix the cause and run the checks again.</source>
        <translation>
            <numerusform>%n Prüfung fehlgeschlagen: %1. Wählen Sie sie aus, um die Belege zu sehen, beheben Sie die Ursache und führen Sie die Prüfungen erneut aus.</numerusform>
            <numerusform>%n Prüfungen fehlgeschlagen: %1. Wählen Sie eine aus, um die Belege zu sehen, beheben Sie die Ursache und führen Sie die Prüfungen erneut aus.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="255"/>
        <source>Select the item to sign off.</source>
        <translation>Wählen Sie den Punkt aus, den Sie abzeichnen möchten.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="260"/>
        <source>&quot;%1&quot; is an automated check; it needs no sign-off.</source>
        <translation>„%1“ ist eine automatische Prüfung und braucht keine Abzeichnung.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="267"/>
        <source>Not signed: %1</source>
        <translation>Nicht abgezeichnet: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="270"/>
        <source>%1 signed &quot;%2&quot;.</source>
        <translation>%1 hat „%2“ abgezeichnet.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="287"/>
        <source>Not started: %1</source>
        <translation>Nicht gestartet: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="309"/>
        <source>The run has started; the checklist is read-only.</source>
        <translation>Der Lauf hat begonnen; die Checkliste ist schreibgeschützt.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="311"/>
        <source>Checks are running…</source>
        <translation>Prüfungen laufen…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="313"/>
        <source>Everything required is done.</source>
        <translation>Alles Erforderliche ist erledigt.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ChecklistPage.cpp" line="315"/>
        <source>Missing: %1</source>
        <translation>Es fehlt: %1</translation>
    </message>
</context>
<context>
    <name>lockstep::ConnectionTestDialog</name>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="28"/>
        <source>SSH connection test: %1</source>
        <translation>SSH-Verbindungstest: %1</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="32"/>
        <source>Target:</source>
        <translation>Ziel:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="33"/>
        <source>Connected to:</source>
        <translation>Verbunden mit:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="34"/>
        <source>Host key type:</source>
        <translation>Typ des Hostschlüssels:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="35"/>
        <source>Fingerprint:</source>
        <translation>Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="36"/>
        <source>known_hosts:</source>
        <translation>known_hosts:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="37"/>
        <source>Authenticated with:</source>
        <translation>Angemeldet mit:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="38"/>
        <source>Time:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="43"/>
        <source>&amp;Trust host key…</source>
        <translation>Hostschlüssel &amp;vertrauen…</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="46"/>
        <source>Test &amp;again</source>
        <translation>&amp;Erneut testen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="88"/>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1…</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="107"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="113"/>
        <source>Connected: the host key is trusted and authentication worked.</source>
        <translation>Verbunden: Der Hostschlüssel ist vertrauenswürdig und die Anmeldung hat funktioniert.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="119"/>
        <source>The host key is not trusted yet: check the fingerprint below with the host&apos;s owner, then trust it. (%1)</source>
        <translation>Dem Hostschlüssel wird noch nicht vertraut: Gleichen Sie den Fingerabdruck unten mit dem Verantwortlichen des Hosts ab und vertrauen Sie ihm dann. (%1)</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="124"/>
        <source>The host key has CHANGED: someone may be intercepting the connection, or the host was reinstalled. Lockstep will not connect. %1</source>
        <translation>Der Hostschlüssel hat sich GEÄNDERT: Jemand könnte die Verbindung abfangen, oder der Host wurde neu installiert. Lockstep baut keine Verbindung auf. %1</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="129"/>
        <source>The host key is trusted, but authentication failed: %1</source>
        <translation>Der Hostschlüssel ist vertrauenswürdig, aber die Anmeldung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="133"/>
        <source>Could not connect: %1</source>
        <translation>Verbindung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/ssh/ConnectionTestDialog.cpp" line="136"/>
        <source>The test failed: %1</source>
        <translation>Der Test ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>lockstep::ConsoleSession</name>
    <message>
        <location filename="../app/session/ConsoleSession.cpp" line="101"/>
        <location filename="../app/session/ConsoleSession.cpp" line="111"/>
        <location filename="../app/session/ConsoleSession.cpp" line="143"/>
        <source>no store is open</source>
        <translation>keine Datenbank geöffnet</translation>
    </message>
    <message>
        <location filename="../app/session/ConsoleSession.cpp" line="111"/>
        <source>start Lockstep with --data-dir or --database</source>
        <translation>Lockstep mit --data-dir oder --database starten</translation>
    </message>
    <message>
        <location filename="../app/session/ConsoleSession.cpp" line="113"/>
        <source>run %1 is still going (%2)</source>
        <translation>Lauf %1 läuft noch (%2)</translation>
    </message>
    <message>
        <location filename="../app/session/ConsoleSession.cpp" line="114"/>
        <source>finish, abort or roll it back first</source>
        <translation>erst abschließen, abbrechen oder zurückrollen</translation>
    </message>
</context>
<context>
    <name>lockstep::DesktopNotifier</name>
    <message>
        <location filename="../ui/notify/DesktopNotifier.cpp" line="28"/>
        <source>Lockstep</source>
        <translation>Lockstep</translation>
    </message>
</context>
<context>
    <name>lockstep::FleetModel</name>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="32"/>
        <source>never seen</source>
        <translation>nie gesehen</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="35"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="37"/>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="39"/>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="40"/>
        <source>%1 d ago</source>
        <translation>vor %1 d</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="46"/>
        <location filename="../models/itemmodels/FleetModel.cpp" line="61"/>
        <location filename="../models/itemmodels/FleetModel.cpp" line="66"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="47"/>
        <source>healthy</source>
        <translation>gesund</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="48"/>
        <source>unhealthy</source>
        <translation>gestört</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="49"/>
        <source>down</source>
        <translation>ausgefallen</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="70"/>
        <source>frozen · pinned %1</source>
        <translation>eingefroren · fixiert auf %1</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="90"/>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="92"/>
        <source>tags: %1</source>
        <translation>Tags: %1</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="109"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="110"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="111"/>
        <source>Environment</source>
        <translation>Umgebung</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="112"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="113"/>
        <source>Pending</source>
        <translation>Update</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="114"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="115"/>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="116"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/FleetModel.cpp" line="117"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>lockstep::FleetPage</name>
    <message>
        <location filename="../ui/fleet/FleetPage.cpp" line="22"/>
        <source>1 instance</source>
        <translation>1 Instanz</translation>
    </message>
    <message>
        <location filename="../ui/fleet/FleetPage.cpp" line="22"/>
        <source>%1 instances</source>
        <translation>%1 Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/fleet/FleetPage.cpp" line="40"/>
        <source>Filter (Ctrl+F): name, product, env:prod, product:graph-api, tag:canary, version:1.4, health:down, channel:frozen, -env:dev</source>
        <translation>Filter (Strg+F): Name, Produkt, env:prod, product:graph-api, tag:canary, version:1.4, health:down, channel:frozen, -env:dev</translation>
    </message>
    <message>
        <location filename="../ui/fleet/FleetPage.cpp" line="135"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>lockstep::GatePanel</name>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="60"/>
        <source>Gate</source>
        <translation>Gate</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="60"/>
        <source>Expression</source>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="60"/>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="60"/>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="60"/>
        <source>Failures</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="60"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="92"/>
        <source>This runbook has no gates between waves.</source>
        <translation>Dieses Runbook hat keine Gates zwischen den Wellen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="93"/>
        <source>Gates are measured after each wave.</source>
        <translation>Die Gates werden nach jeder Welle gemessen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="101"/>
        <source>%1 every %2, %3 times</source>
        <translation>%1 alle %2, %3-mal</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="104"/>
        <location filename="../ui/upgrade/GatePanel.cpp" line="167"/>
        <location filename="../ui/upgrade/GatePanel.cpp" line="195"/>
        <source>0 of %1</source>
        <translation>0 von %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="105"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="162"/>
        <source>not part of the watch</source>
        <translation>nicht Teil der Beobachtung</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="166"/>
        <source>watching</source>
        <translation>beobachtet</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="178"/>
        <source>a failing gate rolls every upgraded instance back</source>
        <translation>ein fehlschlagendes Gate setzt jede aktualisierte Instanz zurück</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="179"/>
        <source>a failing gate pauses the run for you</source>
        <translation>ein fehlschlagendes Gate hält den Lauf für Sie an</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="180"/>
        <source>Watching after the rollout: %1 left (until %2). The gates %3 keep measuring; %4. Roll back all stays one action; End watch finishes early with a reason.</source>
        <translation>Beobachtung nach dem Rollout: noch %1 (bis %2). Die Gates %3 messen weiter; %4. „Alles zurücksetzen“ bleibt eine Aktion; „Beobachtung beenden“ beendet vorzeitig mit einer Begründung.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="194"/>
        <source>measuring after wave %1</source>
        <translation>misst nach Welle %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="197"/>
        <source>Observing wave %1: gates decide whether the next wave may start.</source>
        <translation>Welle %1 wird beobachtet: Die Gates entscheiden, ob die nächste Welle starten darf.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="211"/>
        <source>The run&apos;s failure policy rolls the upgraded instances back automatically.</source>
        <translation>Die Fehlerrichtlinie des Laufs rollt die aktualisierten Instanzen automatisch zurück.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="212"/>
        <source>The run pauses: decide to roll back, retry or continue.</source>
        <translation>Der Lauf pausiert: Entscheiden Sie, ob zurückgerollt, wiederholt oder fortgesetzt wird.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="213"/>
        <source>The run&apos;s failure policy continues regardless.</source>
        <translation>Laut Fehlerrichtlinie des Laufs geht es trotzdem weiter.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="232"/>
        <source>baseline (before the upgrade)</source>
        <translation>Vergleichswert (vor dem Upgrade)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="233"/>
        <source>baseline (not upgraded)</source>
        <translation>Vergleichswert (nicht aktualisiert)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="244"/>
        <source>no data</source>
        <translation>keine Daten</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="246"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="247"/>
        <source>measuring (last: %1)</source>
        <translation>misst (zuletzt: %1)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="256"/>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="257"/>
        <source>failed</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="258"/>
        <source>needs the operator</source>
        <translation>braucht den Operator</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="275"/>
        <source>Gate %1 failed during the watch: %2</source>
        <translation>Gate %1 ist während der Beobachtung fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="276"/>
        <source>Gate %1 is inconclusive during the watch: %2. Resume to watch on, roll back or end the watch.</source>
        <translation>Gate %1 ist während der Beobachtung nicht eindeutig: %2. Fortsetzen, um weiter zu beobachten, zurücksetzen oder die Beobachtung beenden.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="281"/>
        <source>Gate %1 failed: %2. %3</source>
        <translation>Gate %1 nicht bestanden: %2. %3</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="283"/>
        <source>Gate %1 is inconclusive: %2. Approve the next wave or roll back.</source>
        <translation>Gate %1 ist nicht eindeutig: %2. Geben Sie die nächste Welle frei oder rollen Sie zurück.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="285"/>
        <source>Gate %1 passed: %2</source>
        <translation>Gate %1 bestanden: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="297"/>
        <source>stopped unfinished: the run %1 (last measurement: %2)</source>
        <translation>unvollendet beendet: Lauf %1 (letzte Messung: %2)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/GatePanel.cpp" line="299"/>
        <source>not measured: the run %1</source>
        <translation>nicht gemessen: Lauf %1</translation>
    </message>
</context>
<context>
    <name>lockstep::HostKeyScanDialog</name>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="23"/>
        <source>unreachable</source>
        <translation>nicht erreichbar</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="26"/>
        <source>trusted</source>
        <translation>vertrauenswürdig</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="28"/>
        <source>NOT TRUSTED</source>
        <translation>NICHT VERTRAUENSWÜRDIG</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="30"/>
        <source>CHANGED</source>
        <translation>GEÄNDERT</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="42"/>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="44"/>
        <source>compare the fingerprint with the host&apos;s owner, then tick it to trust it</source>
        <translation>Fingerabdruck mit dem Verantwortlichen des Hosts abgleichen, dann zum Vertrauen ankreuzen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="46"/>
        <source>%1 holds another key: possible attack. Check the host out of band; if expected, ssh-keygen -R &apos;%2&apos; -f %1, then scan again</source>
        <translation>%1 enthält einen anderen Schlüssel: möglicher Angriff. Host auf anderem Weg prüfen; falls erwartet: ssh-keygen -R &apos;%2&apos; -f %1, dann erneut prüfen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="79"/>
        <source>SSH host keys of the fleet</source>
        <translation>SSH-Hostschlüssel der Flotte</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="82"/>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="82"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="82"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="82"/>
        <source>Key type</source>
        <translation>Schlüsseltyp</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="82"/>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="82"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="93"/>
        <source>not scanned</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="105"/>
        <source>Scan &amp;again</source>
        <translation>&amp;Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="107"/>
        <source>&amp;Trust selected</source>
        <translation>Ausgewählten &amp;vertrauen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="109"/>
        <source>Add the ticked keys, exactly as shown, to known_hosts and record each in the audit log</source>
        <translation>Die angekreuzten Schlüssel genau wie angezeigt in known_hosts eintragen und jeden im Audit-Log festhalten</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="148"/>
        <source>scanning…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="151"/>
        <source>Scanning %n host(s)…</source>
        <translation>
            <numerusform>Prüfe %n Host…</numerusform>
            <numerusform>Prüfe %n Hosts…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="208"/>
        <source>%1 trusted, %2 not trusted, %3 changed, %4 unreachable.</source>
        <translation>%1 vertrauenswürdig, %2 nicht vertrauenswürdig, %3 geändert, %4 nicht erreichbar.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="212"/>
        <source>A CHANGED key may mean an attack: check those hosts before the window.</source>
        <translation>Ein GEÄNDERTER Schlüssel kann auf einen Angriff hindeuten: Prüfen Sie diese Hosts vor dem Wartungsfenster.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="216"/>
        <source>Compare the fingerprints with the hosts&apos; owners, tick the ones to trust.</source>
        <translation>Gleichen Sie die Fingerabdrücke mit den Verantwortlichen der Hosts ab und kreuzen Sie die an, denen Sie vertrauen.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="251"/>
        <source>Trusting a key is recorded in the audit log, and no store is open.</source>
        <translation>Das Vertrauen in einen Schlüssel wird im Audit-Log festgehalten, aber es ist keine Datenbank geöffnet.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="256"/>
        <source>Trusting %n key(s)…</source>
        <translation>
            <numerusform>%n Schlüssel wird als vertrauenswürdig eingetragen…</numerusform>
            <numerusform>%n Schlüssel werden als vertrauenswürdig eingetragen…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="274"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="280"/>
        <source>%1: added to %2, but the audit record failed: %3</source>
        <translation>%1: in %2 eingetragen, aber der Audit-Eintrag ist fehlgeschlagen: %3</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="288"/>
        <source>Trusted %n key(s); each is in the audit log.</source>
        <translation>
            <numerusform>%n Schlüssel als vertrauenswürdig eingetragen; er steht im Audit-Log.</numerusform>
            <numerusform>%n Schlüssel als vertrauenswürdig eingetragen; jeder steht im Audit-Log.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyScanDialog.cpp" line="290"/>
        <source>Trusted %1 key(s). Not trusted: %2</source>
        <translation>%1 Schlüssel als vertrauenswürdig eingetragen. Nicht eingetragen: %2</translation>
    </message>
</context>
<context>
    <name>lockstep::HostKeyTrustDialog</name>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="42"/>
        <source>Trust host key of %1</source>
        <translation>Hostschlüssel von %1 vertrauen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="45"/>
        <source>&lt;b&gt;%1&lt;/b&gt; is not in known_hosts yet. Compare the fingerprint with the one the host&apos;s owner gives you (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_%2_key.pub&lt;/tt&gt; on the host) before trusting it: a wrong key means someone else answers for this host.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; steht noch nicht in known_hosts. Gleichen Sie den Fingerabdruck mit dem ab, den Ihnen der Verantwortliche des Hosts nennt (&lt;tt&gt;ssh-keygen -lf /etc/ssh/ssh_host_%2_key.pub&lt;/tt&gt; auf dem Host), bevor Sie ihm vertrauen: Ein falscher Schlüssel bedeutet, dass jemand anderes für diesen Host antwortet.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="55"/>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="57"/>
        <source>Instance:</source>
        <translation>Instanz:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="58"/>
        <source>Key type:</source>
        <translation>Schlüsseltyp:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="59"/>
        <source>Fingerprint:</source>
        <translation>Fingerabdruck:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="60"/>
        <source>Added to:</source>
        <translation>Eintragen in:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="61"/>
        <source>Recorded as:</source>
        <translation>Festgehalten als:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="63"/>
        <source>%1 in the audit log</source>
        <translation>%1 im Audit-Log</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="67"/>
        <source>&amp;Trust and add to known_hosts</source>
        <translation>&amp;Vertrauen und in known_hosts eintragen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="85"/>
        <source>This host&apos;s key has CHANGED. It cannot be trusted here: check it out of band and remove the old entry with ssh-keygen -R first.</source>
        <translation>Der Schlüssel dieses Hosts hat sich GEÄNDERT. Ihm kann hier nicht vertraut werden: Prüfen Sie ihn auf anderem Weg und entfernen Sie zuerst den alten Eintrag mit ssh-keygen -R.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="87"/>
        <source>This key is already trusted.</source>
        <translation>Diesem Schlüssel wird bereits vertraut.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="91"/>
        <source>Trusting a key is recorded in the audit log, and no store is open: open one first (see the message in the main window).</source>
        <translation>Das Vertrauen in einen Schlüssel wird im Audit-Log festgehalten, aber es ist keine Datenbank geöffnet: Öffnen Sie zuerst eine (siehe Meldung im Hauptfenster).</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="103"/>
        <source>Connecting to %1 to add its key…</source>
        <translation>Verbinde mit %1, um den Schlüssel einzutragen…</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="114"/>
        <source>Not trusted: %1</source>
        <translation>Nicht eingetragen: %1</translation>
    </message>
    <message>
        <location filename="../ui/ssh/HostKeyTrustDialog.cpp" line="119"/>
        <source>The key was added to %1, but the audit record failed: %2</source>
        <translation>Der Schlüssel wurde in %1 eingetragen, aber der Audit-Eintrag ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>lockstep::InstanceDetailsPanel</name>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="24"/>
        <source>allowed</source>
        <translation>erlaubt</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="26"/>
        <source>breaking</source>
        <translation>inkompatibel</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="28"/>
        <source>security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="83"/>
        <source>Product:</source>
        <translation>Produkt:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="84"/>
        <source>Environment:</source>
        <translation>Umgebung:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="85"/>
        <source>Version:</source>
        <translation>Version:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="86"/>
        <source>Pending:</source>
        <translation>Ausstehend:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="87"/>
        <source>Health:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="88"/>
        <source>Channel:</source>
        <translation>Kanal:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="89"/>
        <source>State:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="90"/>
        <source>Tags:</source>
        <translation>Tags:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="91"/>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="92"/>
        <source>API:</source>
        <translation>API:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="93"/>
        <source>SSH:</source>
        <translation>SSH:</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="101"/>
        <source>Newer releases</source>
        <translation>Neuere Releases</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="122"/>
        <source>Double-click or press Enter to open the release notes</source>
        <translation>Doppelklick oder Eingabetaste öffnet die Release Notes</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="164"/>
        <source>%1 instances selected</source>
        <translation>%1 Instanzen ausgewählt</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="165"/>
        <source>Select an instance to see its details.</source>
        <translation>Wählen Sie eine Instanz aus, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="193"/>
        <source>up to date</source>
        <translation>aktuell</translation>
    </message>
    <message>
        <location filename="../ui/fleet/InstanceDetailsPanel.cpp" line="193"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>lockstep::InstanceDialog</name>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="58"/>
        <source>Add instance</source>
        <translation>Instanz hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="58"/>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="62"/>
        <source>e.g. graph-api-prod-eu-1</source>
        <translation>z. B. graph-api-prod-eu-1</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="68"/>
        <source>comma separated, e.g. eu, canary</source>
        <translation>durch Kommas getrennt, z. B. eu, canary</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="70"/>
        <source>filled in by health polling; e.g. 1.4.2</source>
        <translation>wird durch die Zustandsabfrage ermittelt; z. B. 1.4.2</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="76"/>
        <source>version a frozen instance stays on</source>
        <translation>Version, auf der eine eingefrorene Instanz bleibt</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="79"/>
        <source>http://host:port (serves /health and /version)</source>
        <translation>http://host:port (liefert /health und /version)</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="80"/>
        <source>optional control-plane API</source>
        <translation>optionale Control-Plane-API</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="90"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="91"/>
        <source>&amp;Product:</source>
        <translation>&amp;Produkt:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="92"/>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="93"/>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="94"/>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="95"/>
        <source>&amp;Channel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="96"/>
        <source>P&amp;inned version:</source>
        <translation>F&amp;ixierte Version:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="97"/>
        <source>&amp;URL:</source>
        <translation>U&amp;RL:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="98"/>
        <source>API UR&amp;L:</source>
        <translation>&amp;API-URL:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="99"/>
        <source>St&amp;ate:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="104"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="104"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="151"/>
        <source>Name is required.</source>
        <translation>Ein Name ist erforderlich.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="153"/>
        <source>Name &quot;%1&quot; may only contain letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Der Name „%1“ darf nur Buchstaben, Ziffern, „.“, „_“ und „-“ enthalten.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="155"/>
        <source>An instance called &quot;%1&quot; already exists.</source>
        <translation>Es gibt bereits eine Instanz namens „%1“.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="157"/>
        <source>Product is required.</source>
        <translation>Ein Produkt ist erforderlich.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="159"/>
        <source>Version &quot;%1&quot; is not a semantic version (e.g. 1.4.2).</source>
        <translation>Die Version „%1“ ist keine semantische Version (z. B. 1.4.2).</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="161"/>
        <source>Pinned version &quot;%1&quot; is not a semantic version.</source>
        <translation>Die fixierte Version „%1“ ist keine semantische Version.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="163"/>
        <source>URL is required: health and version are polled from it.</source>
        <translation>Eine URL ist erforderlich: Zustand und Version werden von ihr abgefragt.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="165"/>
        <source>URL &quot;%1&quot; is not an http:// or https:// address.</source>
        <translation>Die URL „%1“ ist keine http://- oder https://-Adresse.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="167"/>
        <source>API URL &quot;%1&quot; is not an http:// or https:// address.</source>
        <translation>Die API-URL „%1“ ist keine http://- oder https://-Adresse.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="183"/>
        <source>Could not save: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>lockstep::LiveGateTable</name>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="40"/>
        <source> · failure limit reached: a run would stop here</source>
        <translation> · Fehlergrenze erreicht: Ein Lauf würde hier anhalten</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="50"/>
        <source>Gate</source>
        <translation>Gate</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="50"/>
        <source>Expression</source>
        <translation>Ausdruck</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="50"/>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="50"/>
        <source>Threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="50"/>
        <source>Failures</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="50"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="105"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/LiveGateTable.cpp" line="106"/>
        <source>failing measurements among the last %1 (one per gate interval)</source>
        <translation>nicht bestandene Messungen unter den letzten %1 (eine pro Gate-Intervall)</translation>
    </message>
</context>
<context>
    <name>lockstep::LogDock</name>
    <message>
        <location filename="../ui/log/LogDock.cpp" line="37"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>lockstep::LogModel</name>
    <message>
        <location filename="../models/itemmodels/LogModel.cpp" line="63"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/LogModel.cpp" line="64"/>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/LogModel.cpp" line="65"/>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/LogModel.cpp" line="66"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>lockstep::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="149"/>
        <source>&amp;Start upgrade…</source>
        <translation>Upgrade &amp;starten…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="151"/>
        <source>Plan an upgrade of the selected instances, or of all pending of a product (Ctrl+U)</source>
        <translation>Ein Upgrade der ausgewählten Instanzen planen, oder aller ausstehenden eines Produkts (Strg+U)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="152"/>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="154"/>
        <source>&amp;Audit log</source>
        <translation>&amp;Audit-Log</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="155"/>
        <source>&amp;Upgrade</source>
        <translation>&amp;Upgrade</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="51"/>
        <source>Lockstep</source>
        <translation>Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="78"/>
        <location filename="../ui/MainWindow.cpp" line="105"/>
        <source>Could not load the inventory: %1</source>
        <translation>Das Inventar konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="91"/>
        <source>&amp;Import inventory…</source>
        <translation>Inventar &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="93"/>
        <source>Import a YAML or Ansible INI inventory (Ctrl+I)</source>
        <translation>Ein YAML- oder Ansible-INI-Inventar importieren (Strg+I)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="94"/>
        <source>&amp;Add instance…</source>
        <translation>Instanz &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="96"/>
        <source>&amp;Edit instance…</source>
        <translation>Instanz &amp;bearbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="98"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="100"/>
        <source>Remove the selected instances from the inventory (Del in the table)</source>
        <translation>Die ausgewählten Instanzen aus dem Inventar entfernen (Entf in der Tabelle)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="101"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="103"/>
        <source>Re&amp;load inventory</source>
        <translation>Inventar neu &amp;laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="107"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="114"/>
        <source>S&amp;tore…</source>
        <translation>&amp;Datenbank…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="118"/>
        <source>the SQLite file in the data directory</source>
        <translation>die SQLite-Datei im Datenverzeichnis</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="119"/>
        <source>From the next start the store is %1. The password was not saved.</source>
        <translation>Ab dem nächsten Start ist die Datenbank %1. Das Passwort wurde nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="120"/>
        <source>From the next start the store is %1.</source>
        <translation>Ab dem nächsten Start ist die Datenbank %1.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="124"/>
        <source>Where this console keeps runs, sign-offs and the audit log (a PostgreSQL URL for a team)</source>
        <translation>Wo diese Konsole Läufe, Abzeichnungen und das Audit-Log ablegt (eine PostgreSQL-URL für ein Team)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="128"/>
        <source>&amp;Log panel</source>
        <translation>&amp;Protokollbereich</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="131"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="137"/>
        <source>F&amp;leet</source>
        <translation>F&amp;lotte</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="160"/>
        <source>&amp;Monitoring</source>
        <translation>&amp;Überwachung</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="162"/>
        <source>Error rate, latency, queue depth and gates of instances or a run&apos;s waves, live (Ctrl+M)</source>
        <translation>Fehlerrate, Latenz, Warteschlangenlänge und Gates von Instanzen oder den Wellen eines Laufs, live (Strg+M)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="163"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="171"/>
        <source>Main</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="213"/>
        <source>Added %1.</source>
        <translation>%1 hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="213"/>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="231"/>
        <source>Select an instance to edit.</source>
        <translation>Wählen Sie die Instanz aus, die Sie bearbeiten möchten.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="244"/>
        <source>Could not remove: %1</source>
        <translation>Entfernen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="251"/>
        <source>Removed %1. &lt;a href=&quot;undo&quot;&gt;Undo&lt;/a&gt;</source>
        <translation>%1 entfernt. &lt;a href=&quot;undo&quot;&gt;Rückgängig&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="261"/>
        <source>Could not restore %1: %2</source>
        <translation>%1 konnte nicht wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="265"/>
        <source>Restored %1.</source>
        <translation>%1 wiederhergestellt.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="271"/>
        <source>Import inventory</source>
        <translation>Inventar importieren</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="272"/>
        <source>Inventories (*.yaml *.yml *.ini *.cfg *.hosts);;All files (*)</source>
        <translation>Inventare (*.yaml *.yml *.ini *.cfg *.hosts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="286"/>
        <source>Importing %1…</source>
        <translation>Importiere %1…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="279"/>
        <source>Nothing was imported from %1: %2</source>
        <translation>Aus %1 wurde nichts importiert: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="283"/>
        <source>Imported %1 from %2.</source>
        <translation>%1 aus %2 importiert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="108"/>
        <source>&amp;Test SSH connection…</source>
        <translation>SSH-Verbindung &amp;testen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="110"/>
        <source>Connect to the instance over SSH: host key fingerprint and how it authenticates</source>
        <translation>Per SSH mit der Instanz verbinden: Fingerabdruck des Hostschlüssels und wie die Anmeldung gelingt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="111"/>
        <source>Scan SSH &amp;host keys…</source>
        <translation>SSH-Hostschlüssel &amp;prüfen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="113"/>
        <source>Every instance&apos;s SSH host key and whether known_hosts trusts it</source>
        <translation>Der SSH-Hostschlüssel jeder Instanz und ob known_hosts ihm vertraut</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="293"/>
        <source>Select an instance with an SSH target to test.</source>
        <translation>Wählen Sie eine Instanz mit SSH-Ziel aus, um die Verbindung zu testen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="311"/>
        <source>No instance has an SSH target to scan.</source>
        <translation>Keine Instanz hat ein SSH-Ziel, das geprüft werden könnte.</translation>
    </message>
</context>
<context>
    <name>lockstep::MessageWidget</name>
    <message>
        <location filename="../ui/common/MessageWidget.cpp" line="27"/>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>lockstep::MetricChart</name>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="112"/>
        <source>threshold</source>
        <translation>Schwellwert</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="113"/>
        <source>upgrade</source>
        <translation>Upgrade</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="114"/>
        <location filename="../ui/charts/MetricChart.cpp" line="115"/>
        <source>failing</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="215"/>
        <source>baseline</source>
        <translation>Vergleichsgruppe</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="232"/>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="234"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="235"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="256"/>
        <source>%1 · %2 · %3 %4</source>
        <extracomment>hover text of a chart point: series (instance, wave, baseline) · time · metric and value</extracomment>
        <translation>%1 · %2 · %3 %4</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="282"/>
        <source>threshold &lt; %1</source>
        <extracomment>hover text of a gate&apos;s threshold line: values must stay below (or above) it</extracomment>
        <translation>Schwellwert &lt; %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="284"/>
        <source>threshold &gt; %1</source>
        <translation>Schwellwert &gt; %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="285"/>
        <source>threshold %1</source>
        <translation>Schwellwert %1</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="291"/>
        <source>failing: %1 at or above %2</source>
        <translation>nicht bestanden: %1 bei oder über %2</translation>
    </message>
    <message>
        <location filename="../ui/charts/MetricChart.cpp" line="293"/>
        <source>failing: %1 at or below %2</source>
        <translation>nicht bestanden: %1 bei oder unter %2</translation>
    </message>
</context>
<context>
    <name>lockstep::MonitoringView</name>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="36"/>
        <source>p%1 latency (s)</source>
        <translation>p%1-Latenz (s)</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="85"/>
        <source>Error rate (share of 5xx)</source>
        <translation>Fehlerrate (Anteil 5xx)</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="87"/>
        <source>Queue depth</source>
        <translation>Warteschlangenlänge</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="93"/>
        <source>Monitoring — Lockstep</source>
        <translation>Überwachung — Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="106"/>
        <source>error rate</source>
        <translation>Fehlerrate</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="107"/>
        <source>p95</source>
        <translation>p95</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="108"/>
        <source>queue depth</source>
        <translation>Warteschlangenlänge</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="114"/>
        <source>Last minute</source>
        <translation>Letzte Minute</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="115"/>
        <source>Last 5 minutes</source>
        <translation>Letzte 5 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="116"/>
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="117"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="118"/>
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="119"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="120"/>
        <source>How far back the charts reach; older points stay in memory up to 24 hours.</source>
        <translation>Wie weit die Diagramme zurückreichen; ältere Punkte bleiben bis zu 24 Stunden im Speicher.</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="121"/>
        <source>The instances whose metrics are summed into the charts (tick them, or choose a wave above).</source>
        <translation>Die Instanzen, deren Metriken in den Diagrammen zusammengefasst werden (ankreuzen oder oben eine Welle wählen).</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="124"/>
        <source>Pick instances on the left, or choose all of the product or a run&apos;s wave above, to watch their error rate, latency and queue depth.</source>
        <translation>Wählen Sie links Instanzen aus, oder oben alle des Produkts oder die Welle eines Laufs, um ihre Fehlerrate, Latenz und Warteschlangenlänge zu beobachten.</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="139"/>
        <source>&amp;Product:</source>
        <translation>&amp;Produkt:</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="140"/>
        <source>R&amp;un:</source>
        <translation>&amp;Lauf:</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="141"/>
        <source>&amp;Watch:</source>
        <translation>&amp;Beobachten:</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="142"/>
        <source>&amp;Time range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="148"/>
        <source>&amp;Instances</source>
        <translation>&amp;Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="302"/>
        <source>No run — live instances</source>
        <translation>Kein Lauf — Instanzen live</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="308"/>
        <source>Run %1 · → %2 · %3 · %4</source>
        <translation>Lauf %1 · → %2 · %3 · %4</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="334"/>
        <source>Picked instances</source>
        <translation>Ausgewählte Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="339"/>
        <source>Run %1 could not be read from the store: %2</source>
        <translation>Lauf %1 konnte nicht aus der Datenbank gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="345"/>
        <source>Gates of run %1 (runbook “%2”), judged live on the watched instances.</source>
        <translation>Gates von Lauf %1 (Runbook „%2“), live auf den beobachteten Instanzen bewertet.</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="348"/>
        <source>Run %1&apos;s runbook has no gates: the charts show the metrics without a threshold.</source>
        <translation>Das Runbook von Lauf %1 hat keine Gates: Die Diagramme zeigen die Metriken ohne Schwellwert.</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="357"/>
        <source>Between-wave gates of runbook “%1”, judged live on the watched instances (no run: failures count over the gates&apos; own intervals).</source>
        <translation>Gates zwischen den Wellen aus Runbook „%1“, live auf den beobachteten Instanzen bewertet (ohne Lauf: Fehlschläge zählen über die Intervalle der Gates).</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="359"/>
        <source>No gates: no bundled runbook for %1 defines gates between waves. The charts show the metrics without a threshold; choose a run to see its gates.</source>
        <translation>Keine Gates: Kein mitgeliefertes Runbook für %1 definiert Gates zwischen den Wellen. Die Diagramme zeigen die Metriken ohne Schwellwert; wählen Sie einen Lauf, um seine Gates zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="361"/>
        <source>this product</source>
        <translation>dieses Produkt</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="365"/>
        <source>All %1 instances</source>
        <translation>Alle %1 Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="368"/>
        <source>Wave %1 · %2 (%3)</source>
        <translation>Welle %1 · %2 (%3)</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="413"/>
        <source>%1  (%2)</source>
        <translation>%1  (%2)</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="447"/>
        <source>p%1</source>
        <translation>p%1</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="464"/>
        <source>Not scraping: no instances picked.</source>
        <translation>Keine Abfrage: keine Instanzen ausgewählt.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/monitoring/MonitoringView.cpp" line="466"/>
        <source>Scraping %n instance(s) every %1 s …</source>
        <translation>
            <numerusform>Frage %n Instanz alle %1 s ab …</numerusform>
            <numerusform>Frage %n Instanzen alle %1 s ab …</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="473"/>
        <source>%1 instances</source>
        <translation>%1 Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="479"/>
        <source>canary (wave %1)</source>
        <extracomment>the chart series of the watched wave&apos;s instances, compared with the not yet upgraded ones</extracomment>
        <translation>Canary (Welle %1)</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="516"/>
        <source>baseline</source>
        <extracomment>the chart series of a run&apos;s instances not upgraded yet</extracomment>
        <translation>Vergleichsgruppe</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/MonitoringView.cpp" line="540"/>
        <source>Scraping %1 of %2 instances every %3 s · last round %4</source>
        <translation>Frage %1 von %2 Instanzen alle %3 s ab · letzte Runde %4</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/monitoring/MonitoringView.cpp" line="546"/>
        <source> · %n failed: %1</source>
        <translation>
            <numerusform> · %n fehlgeschlagen: %1</numerusform>
            <numerusform> · %n fehlgeschlagen: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lockstep::OutputPane</name>
    <message>
        <location filename="../ui/upgrade/OutputPane.cpp" line="18"/>
        <source>Select a step in the grid to see its output.</source>
        <translation>Wählen Sie einen Schritt im Raster aus, um seine Ausgabe zu sehen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/OutputPane.cpp" line="20"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/OutputPane.cpp" line="26"/>
        <source>Find in output (Enter: next)</source>
        <translation>In der Ausgabe suchen (Eingabetaste: weiter)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/OutputPane.cpp" line="87"/>
        <source>Output of %1 on %2</source>
        <translation>Ausgabe von %1 auf %2</translation>
    </message>
</context>
<context>
    <name>lockstep::PassphraseDialog</name>
    <message>
        <location filename="../ui/ssh/PassphraseDialog.cpp" line="18"/>
        <source>SSH key passphrase</source>
        <translation>Passphrase des SSH-Schlüssels</translation>
    </message>
    <message>
        <location filename="../ui/ssh/PassphraseDialog.cpp" line="19"/>
        <source>The SSH key &lt;b&gt;%1&lt;/b&gt; is encrypted. Enter its passphrase to use it for this connection. Lockstep does not keep it; load the key into ssh-agent to be asked only once.</source>
        <translation>Der SSH-Schlüssel &lt;b&gt;%1&lt;/b&gt; ist verschlüsselt. Geben Sie seine Passphrase ein, um ihn für diese Verbindung zu verwenden. Lockstep speichert sie nicht; laden Sie den Schlüssel in den ssh-agent, um nur einmal gefragt zu werden.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/PassphraseDialog.cpp" line="33"/>
        <source>Unlock</source>
        <translation>Entsperren</translation>
    </message>
    <message>
        <location filename="../ui/ssh/PassphraseDialog.cpp" line="35"/>
        <source>Skip this key</source>
        <translation>Schlüssel überspringen</translation>
    </message>
</context>
<context>
    <name>lockstep::PlanPage</name>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="45"/>
        <location filename="../ui/upgrade/PlanPage.cpp" line="219"/>
        <source>Selected instances</source>
        <translation>Ausgewählte Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="46"/>
        <source>All pending of product</source>
        <translation>Alle ausstehenden des Produkts</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="50"/>
        <source>Override the channel policy</source>
        <translation>Kanalrichtlinie übersteuern</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="54"/>
        <source>Maintenance window from now for</source>
        <translation>Wartungsfenster ab jetzt für</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="71"/>
        <source>Why (required, goes to the audit log)</source>
        <translation>Begründung (erforderlich, wird im Audit-Log festgehalten)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="79"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="81"/>
        <source>Runbook parameters: name=value, name=value</source>
        <translation>Runbook-Parameter: name=wert, name=wert</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="87"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="87"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="87"/>
        <source>Expected</source>
        <translation>Erwartet</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="386"/>
        <source>%1 (bundled)</source>
        <translation>%1 (mitgeliefert)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="123"/>
        <source>Instances:</source>
        <translation>Instanzen:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="53"/>
        <source>Runbook &amp;file…</source>
        <translation>Runbook-&amp;Datei…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="60"/>
        <source>&amp;Create run</source>
        <translation>Lauf &amp;anlegen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="125"/>
        <source>Target &amp;version:</source>
        <translation>&amp;Zielversion:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="127"/>
        <source>Runbook:</source>
        <translation>Runbook:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="128"/>
        <source>Window:</source>
        <translation>Zeitfenster:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="129"/>
        <source>&amp;Parameters:</source>
        <translation>&amp;Parameter:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="130"/>
        <source>&amp;Operator:</source>
        <translation>&amp;Operator:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="219"/>
        <source>Instances the fleet filter shows</source>
        <translation>Vom Flottenfilter gezeigte Instanzen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="274"/>
        <source>No instances: select rows in the fleet table or pick a product with pending versions.</source>
        <translation>Keine Instanzen: Wählen Sie Zeilen in der Flottentabelle aus oder ein Produkt mit ausstehenden Versionen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="305"/>
        <source>security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="307"/>
        <source>breaking</source>
        <translation>inkompatibel</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="309"/>
        <source>rolled back before</source>
        <translation>schon einmal zurückgerollt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="319"/>
        <source>not allowed: %1</source>
        <translation>nicht erlaubt: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="320"/>
        <source> (+%1 more)</source>
        <translation> (+%1 weitere)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="347"/>
        <source>Choose a runbook</source>
        <translation>Runbook auswählen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="348"/>
        <source>Runbooks (*.yaml *.yml);;All files (*)</source>
        <translation>Runbooks (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="443"/>
        <source>%1 (%2 changes)</source>
        <translation>%1 (Änderungen: %2)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="446"/>
        <source>No bundled runbook is for %1: choose one with &lt;a href=&quot;browse&quot;&gt;Runbook file…&lt;/a&gt;.</source>
        <translation>Für %1 ist kein Runbook mitgeliefert: Wählen Sie eines mit &lt;a href=&quot;browse&quot;&gt;Runbook-Datei…&lt;/a&gt;.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="447"/>
        <source>For %1 the console brings %2; choose it in the Runbook list, or another file with &lt;a href=&quot;browse&quot;&gt;Runbook file…&lt;/a&gt;.</source>
        <translation>Für %1 bringt die Konsole %2 mit; wählen Sie es in der Runbook-Liste oder eine andere Datei mit &lt;a href=&quot;browse&quot;&gt;Runbook-Datei…&lt;/a&gt;.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="474"/>
        <source>%1 not allowed: %2</source>
        <translation>%1 nicht erlaubt: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="480"/>
        <source>already on the newest release (%1)</source>
        <translation>schon auf dem neuesten Release (%1)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="484"/>
        <source>No version is allowed for all of these instances at once: pick fewer instances.</source>
        <translation>Keine Version ist für alle diese Instanzen zugleich erlaubt: Wählen Sie weniger Instanzen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="485"/>
        <source>No target version is allowed because of:&lt;br&gt;%1&lt;br&gt;&lt;a href=&quot;override&quot;&gt;Override the channel policy&lt;/a&gt; with a reason (it goes to the audit log), or plan without these instances.</source>
        <translation>Keine Zielversion ist erlaubt wegen:&lt;br&gt;%1&lt;br&gt;&lt;a href=&quot;override&quot;&gt;Kanalrichtlinie übersteuern&lt;/a&gt; mit Begründung (sie kommt ins Audit-Log), oder planen Sie ohne diese Instanzen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="500"/>
        <source>Nothing to upgrade yet.</source>
        <translation>Noch nichts für ein Upgrade ausgewählt.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="519"/>
        <source>Runbook %1 is for %2, not %3. %4</source>
        <translation>Runbook %1 ist für %2, nicht für %3. %4</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="525"/>
        <source>Runbook %1 is not for a %2 change (%3 → %4). %5</source>
        <translation>Runbook %1 gilt nicht für eine %2-Änderung (%3 → %4). %5</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="532"/>
        <source>Runbook %1 changes things that need a maintenance window: &lt;a href=&quot;window&quot;&gt;open one from now&lt;/a&gt; (Window), or override the policy with a reason.</source>
        <translation>Runbook %1 ändert Dinge, die ein Wartungsfenster brauchen: &lt;a href=&quot;window&quot;&gt;ab jetzt eines öffnen&lt;/a&gt; (Fenster) oder die Richtlinie mit Begründung übersteuern.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="552"/>
        <source>Parameter &quot;%1&quot; is not name=value.</source>
        <translation>Der Parameter „%1“ hat nicht die Form name=wert.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="563"/>
        <source>An override needs a reason.</source>
        <translation>Eine Übersteuerung braucht eine Begründung.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="574"/>
        <source>The plan was refused: %1</source>
        <translation>Der Plan wurde abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="585"/>
        <source>%1 was rolled back before: %2. Check that the cause is fixed before you go again.</source>
        <translation>%1 wurde schon einmal zurückgerollt: %2. Prüfen Sie, ob die Ursache behoben ist, bevor Sie es erneut versuchen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="603"/>
        <source>Runbook</source>
        <translation>Runbook</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="603"/>
        <source>%1: %2 change to %3</source>
        <translation>%1: %2-Änderung auf %3</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="605"/>
        <source>Demo time scale</source>
        <translation>Demo-Zeitmaßstab</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="606"/>
        <source>Waves</source>
        <translation>Wellen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="607"/>
        <source>%1 waves, at most %2 at a time, %3, observe %4</source>
        <translation>%1 Wellen, höchstens %2 gleichzeitig, %3, %4 beobachten</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="610"/>
        <source>promote automatically</source>
        <translation>nächste Welle automatisch</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="610"/>
        <source>promote by approval</source>
        <translation>nächste Welle nach Freigabe</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="614"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="617"/>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="619"/>
        <source>Group lock</source>
        <translation>Gruppensperre</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="626"/>
        <source>  [cannot be undone: a rollback stops here for a restore by hand]</source>
        <translation>  [nicht umkehrbar: ein Rollback hält hier für eine Wiederherstellung von Hand an]</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="630"/>
        <source>Run: before</source>
        <translation>Lauf: vorher</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/upgrade/PlanPage.cpp" line="630"/>
        <source>%n step(s) once, before the first instance</source>
        <translation>
            <numerusform>%n Schritt einmal, vor der ersten Instanz</numerusform>
            <numerusform>%n Schritte einmal, vor der ersten Instanz</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="631"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="631"/>
        <source>%1 per instance</source>
        <translation>%1 pro Instanz</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="625"/>
        <source>  [disruptive: needs the window]</source>
        <translation>  [unterbrechend: braucht das Wartungsfenster]</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="633"/>
        <source>Run: after</source>
        <translation>Lauf: nachher</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/upgrade/PlanPage.cpp" line="633"/>
        <source>%n step(s) once, after the last wave</source>
        <translation>
            <numerusform>%n Schritt einmal, nach der letzten Welle</numerusform>
            <numerusform>%n Schritte einmal, nach der letzten Welle</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="634"/>
        <source>Rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="634"/>
        <source>undo steps only</source>
        <translation>nur die Undo-Schritte</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="637"/>
        <source>Maintenance window</source>
        <translation>Wartungsfenster</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="639"/>
        <source>Override</source>
        <translation>Übersteuerung</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/PlanPage.cpp" line="641"/>
        <source>Excluded</source>
        <translation>Ausgeschlossen</translation>
    </message>
</context>
<context>
    <name>lockstep::PollStatusLabel</name>
    <message>
        <location filename="../ui/fleet/PollStatusLabel.cpp" line="41"/>
        <source>%1 healthy</source>
        <translation>%1 gesund</translation>
    </message>
    <message>
        <location filename="../ui/fleet/PollStatusLabel.cpp" line="43"/>
        <source>%1 unhealthy</source>
        <translation>%1 gestört</translation>
    </message>
    <message>
        <location filename="../ui/fleet/PollStatusLabel.cpp" line="44"/>
        <source>%1 down</source>
        <translation>%1 ausgefallen</translation>
    </message>
    <message>
        <location filename="../ui/fleet/PollStatusLabel.cpp" line="45"/>
        <source>last poll %1</source>
        <translation>letzte Abfrage %1</translation>
    </message>
    <message>
        <location filename="../ui/fleet/PollStatusLabel.cpp" line="45"/>
        <source>not polled yet</source>
        <translation>noch nicht abgefragt</translation>
    </message>
</context>
<context>
    <name>lockstep::ProgressModel</name>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="241"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="253"/>
        <source>⚠ needs restore (on %1)</source>
        <translation>⚠ Wiederherstellung nötig (auf %1)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="264"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="267"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="268"/>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="269"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="270"/>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="294"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="295"/>
        <source>Run (once)</source>
        <translation>Lauf (einmal)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="309"/>
        <source>rollback step %1</source>
        <translation>Rollback-Schritt %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="311"/>
        <source> (attempt %1)</source>
        <translation> (Versuch %1)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="333"/>
        <source>Wave</source>
        <translation>Welle</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="334"/>
        <source>Instance</source>
        <translation>Instanz</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="335"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressModel.cpp" line="341"/>
        <source>run: %1</source>
        <translation>Lauf: %1</translation>
    </message>
</context>
<context>
    <name>lockstep::ProgressPage</name>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="78"/>
        <source>&amp;Approve next wave</source>
        <translation>Welle &amp;freigeben</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="79"/>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="80"/>
        <source>&amp;Resume</source>
        <translation>F&amp;ortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="81"/>
        <source>A&amp;bort…</source>
        <translation>Abb&amp;rechen…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="83"/>
        <source>Re&amp;try</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="84"/>
        <source>S&amp;kip…</source>
        <translation>Über&amp;springen…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="85"/>
        <source>Mark &amp;done…</source>
        <translation>Ab&amp;haken…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="86"/>
        <source>&amp;Confirm step…</source>
        <translation>&amp;Bestätigen…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="87"/>
        <source>Confirm step for all waiti&amp;ng…</source>
        <translation>Für alle Wartenden bestäti&amp;gen…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="98"/>
        <source>Roll back &amp;instance…</source>
        <translation>Rollback: &amp;Instanz…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="99"/>
        <source>Roll back &amp;wave…</source>
        <translation>Rollback: We&amp;lle…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="100"/>
        <source>Roll back a&amp;ll…</source>
        <translation>Rollback: &amp;alle…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="101"/>
        <source>&amp;Emergency rollback…</source>
        <translation>&amp;Notfall-Rollback…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="105"/>
        <source>Rest&amp;ored…</source>
        <translation>Wie&amp;derhergestellt…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="106"/>
        <source>Lea&amp;ve unrestored…</source>
        <translation>Ohne Wiederherstell&amp;ung lassen…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="109"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="110"/>
        <source>Timeline</source>
        <translation>Zeitverlauf</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="111"/>
        <source>Gates</source>
        <translation>Gates</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="135"/>
        <source>Cancel rollback</source>
        <translation>Rollback abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="135"/>
        <source>cancelled in the console</source>
        <translation>in der Konsole abgebrochen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="139"/>
        <source>Roll back now</source>
        <translation>Jetzt zurückrollen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="240"/>
        <source>run %1 (%2 → %3) opened: %4</source>
        <translation>Lauf %1 (%2 → %3) geöffnet: %4</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="247"/>
        <source>This run was interrupted. Select an interrupted instance and choose Retry, Mark done, Skip or Roll back; then Resume.</source>
        <translation>Dieser Lauf wurde unterbrochen. Wählen Sie eine unterbrochene Instanz aus, dann Wiederholen, Abhaken, Überspringen oder Zurückrollen; danach Fortsetzen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="277"/>
        <source> (rollback)</source>
        <translation> (Rollback)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="278"/>
        <source>no result</source>
        <translation>kein Ergebnis</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="281"/>
        <source>Run %1 · %2 → %3 · %4 · by %5</source>
        <translation>Lauf %1 · %2 → %3 · %4 · von %5</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="285"/>
        <source>Read-only: run %1 as it was stored. Select a step to read its output.</source>
        <translation>Schreibgeschützt: Lauf %1, wie er gespeichert wurde. Wählen Sie einen Schritt aus, um seine Ausgabe zu lesen.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="532"/>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="535"/>
        <source>×%1 demo timing</source>
        <translation>×%1 Demo-Zeitmaßstab</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="537"/>
        <source>wave %1 of %2 (%3)</source>
        <translation>Welle %1 von %2 (%3)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="545"/>
        <source>rolling back %1</source>
        <translation>rollt %1 zurück</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="548"/>
        <source>%1 waits for you (%2)</source>
        <translation>%1 wartet auf Sie (%2)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="549"/>
        <source>%1 instances wait for you (%2)</source>
        <translation>%1 Instanzen warten auf Sie (%2)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="563"/>
        <source>%1
Not now: %2</source>
        <translation>%1
Jetzt nicht: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="577"/>
        <source>no run is open</source>
        <translation>kein Lauf geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="577"/>
        <source>the run is %1</source>
        <translation>der Lauf ist %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="578"/>
        <source>the run-level steps are %1</source>
        <translation>die Schritte des Laufs sind %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="579"/>
        <source>select an instance in the grid first</source>
        <translation>zuerst eine Instanz im Raster auswählen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="580"/>
        <source>%1 is %2</source>
        <translation>%1 ist %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="583"/>
        <source>%1, not waiting for an approval</source>
        <translation>%1 und wartet auf keine Freigabe</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="586"/>
        <source>%1, not paused</source>
        <translation>%1, nicht pausiert</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="588"/>
        <source>%1; retry, skip and mark done resolve a failed or interrupted instance</source>
        <translation>%1; Wiederholen, Überspringen und Als erledigt markieren gelten für eine fehlgeschlagene oder unterbrochene Instanz</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="595"/>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="597"/>
        <source>no manual step waits for you</source>
        <translation>kein manueller Schritt wartet auf Sie</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="596"/>
        <source>%1; waiting: %2</source>
        <translation>%1; es warten: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="602"/>
        <source>nothing of the current wave is upgraded</source>
        <translation>in der aktuellen Welle ist nichts aktualisiert</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="603"/>
        <source>nothing is upgraded</source>
        <translation>nichts ist aktualisiert</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="103"/>
        <source>End watc&amp;h…</source>
        <translation>Beobachtung b&amp;eenden…</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="358"/>
        <source>Waiting for you: %1 — %2 &lt;a href=&quot;confirm-all&quot;&gt;Confirm for all waiting&lt;/a&gt; (%3)</source>
        <translation>Wartet auf Sie: %1 — %2 &lt;a href=&quot;confirm-all&quot;&gt;Für alle Wartenden bestätigen&lt;/a&gt; (%3)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="374"/>
        <source>The automatic rollback was cancelled and the run is paused: roll back (instance, wave or all), or Resume to observe the wave again.</source>
        <translation>Das automatische Rollback wurde abgebrochen und der Lauf pausiert: Zurückrollen (Instanz, Welle oder alle) oder Fortsetzen, um die Welle erneut zu beobachten.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="380"/>
        <source>Wave %1 waits for your approval: %2 &lt;a href=&quot;approve&quot;&gt;Approve&lt;/a&gt; · &lt;a href=&quot;gates&quot;&gt;Gates&lt;/a&gt;</source>
        <translation>Welle %1 wartet auf Ihre Freigabe: %2 &lt;a href=&quot;approve&quot;&gt;Freigeben&lt;/a&gt; · &lt;a href=&quot;gates&quot;&gt;Gates&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="395"/>
        <source>Gate %1 %2. &lt;a href=&quot;gates&quot;&gt;Why&lt;/a&gt;</source>
        <translation>Gate %1 %2. &lt;a href=&quot;gates&quot;&gt;Warum&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="396"/>
        <source>failed</source>
        <translation>nicht bestanden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="396"/>
        <source>needs you</source>
        <translation>braucht Sie</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="406"/>
        <source>Run %1 ended: %2. %3</source>
        <translation>Lauf %1 beendet: %2. %3</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="413"/>
        <source>%1
The failure policy rolls back:
%2</source>
        <translation>%1
Die Fehlerrichtlinie rollt zurück:
%2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="472"/>
        <source>%1 refused: %2</source>
        <translation>%1 abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="501"/>
        <source>watch until %1 (%2 left) — paused</source>
        <translation>Beobachtung bis %1 (noch %2) — angehalten</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="502"/>
        <source>watching: %1 left (until %2)</source>
        <translation>Beobachtung: noch %1 (bis %2)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="503"/>
        <source>watch over; the gates finish their round</source>
        <translation>Beobachtung vorbei; die Gates beenden ihre Runde</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="511"/>
        <source>observing wave %1</source>
        <translation>Welle %1 wird beobachtet</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="514"/>
        <source>the next wave starts once the gates have finished — %1</source>
        <translation>die nächste Welle startet, sobald die Gates fertig sind — %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="515"/>
        <source>approval possible once the gates have finished — %1</source>
        <translation>Freigabe möglich, sobald die Gates fertig sind — %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="517"/>
        <source>the next wave starts in %1 unless a gate fails — %2</source>
        <translation>die nächste Welle startet in %1, sofern kein Gate fehlschlägt — %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="518"/>
        <source>approval possible in %1 — %2</source>
        <translation>Freigabe möglich in %1 — %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="528"/>
        <source>No run.</source>
        <translation>Kein Lauf.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="606"/>
        <source>%1, not watching after the rollout</source>
        <translation>%1, keine Beobachtung nach dem Rollout</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="657"/>
        <source>Approve the next wave</source>
        <translation>Nächste Welle freigeben</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="658"/>
        <source>Start wave %1 on these instances?
%2</source>
        <translation>Welle %1 auf diesen Instanzen starten?
%2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="644"/>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="664"/>
        <source>Approval</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="660"/>
        <source>approved in the console</source>
        <translation>in der Konsole freigegeben</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="667"/>
        <source>Your approval is recorded; wave %1 still waits: %2</source>
        <translation>Ihre Freigabe ist erfasst; Welle %1 wartet noch: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="674"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="674"/>
        <source>paused in the console</source>
        <translation>in der Konsole pausiert</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="680"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="680"/>
        <source>resumed in the console</source>
        <translation>in der Konsole fortgesetzt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="687"/>
        <source>Abort the run</source>
        <translation>Lauf abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="688"/>
        <source>Abort run %1? Steps in flight are cancelled; nothing is rolled back.
%2</source>
        <translation>Lauf %1 abbrechen? Laufende Schritte werden abgebrochen; nichts wird zurückgerollt.
%2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="692"/>
        <source>Abort</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="698"/>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="698"/>
        <source>retried in the console</source>
        <translation>in der Konsole wiederholt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="711"/>
        <source>the run</source>
        <translation>den Lauf</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="717"/>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="717"/>
        <source>Skip the step</source>
        <translation>Schritt überspringen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="717"/>
        <source>Skip %2 on %1 and go on with its next step?</source>
        <translation>%2 auf %1 überspringen und mit dem nächsten Schritt weitermachen?</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="722"/>
        <source>Mark done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="722"/>
        <source>Mark the step done</source>
        <translation>Schritt als erledigt markieren</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="722"/>
        <source>Mark %2 on %1 as done (it took effect)?</source>
        <translation>%2 auf %1 als erledigt markieren (er hat gewirkt)?</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="727"/>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="748"/>
        <source>Confirm</source>
        <translation>Bestätigen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="727"/>
        <source>Confirm the manual step</source>
        <translation>Manuellen Schritt bestätigen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="727"/>
        <source>Confirm %2 on %1?</source>
        <translation>%2 auf %1 bestätigen?</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="740"/>
        <source>Confirm the manual step for all waiting instances</source>
        <translation>Manuellen Schritt für alle wartenden Instanzen bestätigen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="741"/>
        <source>Confirm the waiting manual step on these instances?
%1</source>
        <translation>Den wartenden manuellen Schritt auf diesen Instanzen bestätigen?
%1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="746"/>
        <source>Confirm on %1</source>
        <translation>Bestätigung auf %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="747"/>
        <source>manual step confirmed on %1</source>
        <translation>manueller Schritt bestätigt auf %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="753"/>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="767"/>
        <source>Rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="753"/>
        <source>Roll back</source>
        <translation>Zurückrollen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="753"/>
        <source>Roll back %1?
%2</source>
        <translation>%1 zurückrollen?
%2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="766"/>
        <source>Rollback of %1</source>
        <translation>Rollback von %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="773"/>
        <source>Roll back the wave</source>
        <translation>Welle zurückrollen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="773"/>
        <source>Roll back wave %1?
%2</source>
        <translation>Welle %1 zurückrollen?
%2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="779"/>
        <source>Roll back everything</source>
        <translation>Alles zurückrollen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="779"/>
        <source>Roll back every upgraded instance?
%1</source>
        <translation>Alle aktualisierten Instanzen zurückrollen?
%1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="787"/>
        <source>End the watch early</source>
        <translation>Beobachtung vorzeitig beenden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="788"/>
        <source>End the watch %1 before its time and finish the run as the instances stand?
The gates stop measuring; your reason is written to the audit log.</source>
        <translation>Die Beobachtung %1 vor ihrem Ende beenden und den Lauf mit dem jetzigen Stand der Instanzen abschließen?
Die Gates hören auf zu messen; Ihre Begründung wird ins Audit-Log geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="791"/>
        <source>End watch</source>
        <translation>Beobachtung beenden</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="798"/>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="802"/>
        <source>Emergency rollback</source>
        <translation>Notfall-Rollback</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPage.cpp" line="799"/>
        <source>EMERGENCY ROLLBACK of every touched instance with the runbook&apos;s emergency steps?
%1</source>
        <translation>NOTFALL-ROLLBACK aller betroffenen Instanzen mit den Notfallschritten des Runbooks?
%1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="30"/>
        <source>%1 needs restore: %2 cannot be undone. %3 — then Restored… (%4), or Leave unrestored… (%5)</source>
        <translation>%1 braucht eine Wiederherstellung: %2 ist nicht umkehrbar. %3 — dann Wiederhergestellt… (%4) oder Ohne Wiederherstellung lassen… (%5)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="46"/>
        <source>no instance needs restore</source>
        <translation>keine Instanz braucht eine Wiederherstellung</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="47"/>
        <source>select an instance that needs restore: %1</source>
        <translation>eine Instanz wählen, die eine Wiederherstellung braucht: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="60"/>
        <source>Confirm the restore</source>
        <translation>Wiederherstellung bestätigen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="61"/>
        <source>Has %1 been restored by hand?
%2

Say how (the snapshot or dump, and when). The rollback then goes on and %1 ends rolled back.</source>
        <translation>Wurde %1 von Hand wiederhergestellt?
%2

Sagen Sie, wie (welcher Snapshot oder Dump, und von wann). Danach läuft das Rollback weiter und %1 endet zurückgerollt.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="65"/>
        <source>Restored</source>
        <translation>Wiederhergestellt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="74"/>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="78"/>
        <source>Leave unrestored</source>
        <translation>Ohne Wiederherstellung lassen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ProgressPageRestore.cpp" line="75"/>
        <source>Leave %1 as it is, on %2?
%3

It is reported as needing restore, never as rolled back, and the run fails.</source>
        <translation>%1 so lassen, wie es ist, auf %2?
%3

Es wird als wiederherstellungsbedürftig gemeldet, nie als zurückgerollt, und der Lauf schlägt fehl.</translation>
    </message>
</context>
<context>
    <name>lockstep::ReleaseListModel</name>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="36"/>
        <source>breaking</source>
        <translation>inkompatibel</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="38"/>
        <source>security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="42"/>
        <source>release notes</source>
        <translation>Release Notes</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="62"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="63"/>
        <source>Flags</source>
        <translation>Merkmale</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="64"/>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="65"/>
        <source>Notes</source>
        <translation>Release Notes</translation>
    </message>
</context>
<context>
    <name>lockstep::ReportPage</name>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="29"/>
        <source>Export &amp;PDF…</source>
        <translation>&amp;PDF exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="28"/>
        <source>Export H&amp;TML…</source>
        <translation>H&amp;TML exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="39"/>
        <source>R&amp;un:</source>
        <translation>La&amp;uf:</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="100"/>
        <source>No run yet: create one on the Plan page, or open the store of earlier runs.</source>
        <translation>Noch kein Lauf: Legen Sie einen auf der Seite Plan an oder öffnen Sie die Datenbank früherer Läufe.</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="105"/>
        <source>The report of run %1 cannot be made: %2</source>
        <translation>Der Bericht zu Lauf %1 lässt sich nicht erstellen: %2</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="131"/>
        <source>Export the run report</source>
        <translation>Laufbericht exportieren</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="133"/>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="174"/>
        <source>Report written to %1.</source>
        <translation>Bericht nach %1 geschrieben.</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="176"/>
        <source>Writing the PDF report…</source>
        <translation>Der PDF-Bericht wird geschrieben…</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="176"/>
        <source>Writing the HTML report…</source>
        <translation>Der HTML-Bericht wird geschrieben…</translation>
    </message>
    <message>
        <location filename="../ui/report/ReportPage.cpp" line="133"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>lockstep::RollbackCountdown</name>
    <message>
        <location filename="../ui/upgrade/RollbackCountdown.cpp" line="19"/>
        <source>&amp;Cancel rollback</source>
        <translation>Rollback &amp;abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/RollbackCountdown.cpp" line="20"/>
        <source>Roll back &amp;now</source>
        <translation>&amp;Jetzt zurückrollen</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/RollbackCountdown.cpp" line="32"/>
        <source>Nothing is rolled back; the run pauses until you decide.</source>
        <translation>Es wird nichts zurückgerollt; der Lauf pausiert, bis Sie entscheiden.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/RollbackCountdown.cpp" line="33"/>
        <source>Start the rollback without waiting for the countdown.</source>
        <translation>Das Rollback starten, ohne den Countdown abzuwarten.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/RollbackCountdown.cpp" line="100"/>
        <source>%1
Automatic rollback in %2 s.</source>
        <translation>%1
Automatisches Rollback in %2 s.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/RollbackCountdown.cpp" line="101"/>
        <source>%1
Rolling back now.</source>
        <translation>%1
Wird jetzt zurückgerollt.</translation>
    </message>
</context>
<context>
    <name>lockstep::RunListModel</name>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="33"/>
        <source>Stored as %1, but no console is driving it (the console stopped, or its leases expired). Open it to recover.</source>
        <translation>Gespeichert als %1, aber keine Konsole führt ihn aus (die Konsole wurde beendet oder ihre Leases sind abgelaufen). Öffnen Sie ihn, um ihn wiederherzustellen.</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="55"/>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="56"/>
        <source>Runbook</source>
        <translation>Runbook</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="57"/>
        <source>Product</source>
        <translation>Produkt</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="58"/>
        <source>Target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="59"/>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="60"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="61"/>
        <source>Created</source>
        <translation>Angelegt</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunListModel.cpp" line="62"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
</context>
<context>
    <name>lockstep::RunMarkers</name>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="29"/>
        <source>upgrade start</source>
        <translation>Upgrade-Start</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="31"/>
        <source>upgrade end (%1)</source>
        <translation>Upgrade-Ende (%1)</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="35"/>
        <source>wave %1</source>
        <translation>Welle %1</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="35"/>
        <source>wave</source>
        <translation>Welle</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="38"/>
        <source>approved</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="38"/>
        <source>approved by %1</source>
        <translation>freigegeben von %1</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="41"/>
        <source>promoted</source>
        <translation>automatisch weiter</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="48"/>
        <source>rollback (%1 instances)</source>
        <translation>Rollback (%1 Instanzen)</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="52"/>
        <source>rollback</source>
        <translation>Rollback</translation>
    </message>
    <message>
        <location filename="../ui/monitoring/RunMarkers.cpp" line="52"/>
        <source>rollback %1</source>
        <translation>Rollback %1</translation>
    </message>
</context>
<context>
    <name>lockstep::RunNarration</name>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="115"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="17"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="23"/>
        <source>run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="29"/>
        <source>before</source>
        <translation>vorher</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="29"/>
        <source>after</source>
        <translation>nachher</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="50"/>
        <source>run %1 planned by %2</source>
        <translation>Lauf %1 geplant von %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="52"/>
        <source>run %1 refused</source>
        <translation>Lauf %1 abgelehnt</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="54"/>
        <source>run %1 %2</source>
        <translation>Lauf %1 %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="56"/>
        <source>override %1 by %2</source>
        <translation>Übersteuerung %1 durch %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="57"/>
        <source>override %1 for %2 by %3</source>
        <translation>Übersteuerung %1 für %2 durch %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="60"/>
        <source>failure budget overridden by %1</source>
        <translation>Fehlerbudget übergangen von %1</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="62"/>
        <source>checklist %1: %2</source>
        <translation>Checkliste %1: %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="64"/>
        <source>%1 signed off %2</source>
        <translation>%1 hat %2 abgezeichnet</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="66"/>
        <source>wave %1 (%2) started</source>
        <translation>Welle %1 (%2) gestartet</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="69"/>
        <source>wave %1 succeeded</source>
        <translation>Welle %1 erfolgreich</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="69"/>
        <source>wave %1 failed</source>
        <translation>Welle %1 fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="71"/>
        <source>wave %1 stopped</source>
        <translation>Welle %1 angehalten</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="73"/>
        <source>gate %1: %2</source>
        <translation>Gate %1: %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="75"/>
        <source>gate %1 finished: %2</source>
        <translation>Gate %1 beendet: %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="77"/>
        <source>%1 %2 inconclusive, waits for the operator: %3</source>
        <translation>%1 %2 nicht eindeutig, wartet auf den Operator: %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="79"/>
        <source>approval needed for wave %1</source>
        <translation>Freigabe für Welle %1 nötig</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="81"/>
        <source>wave %1 approved by %2</source>
        <translation>Welle %1 freigegeben von %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="83"/>
        <source>wave %1 promoted automatically</source>
        <translation>Welle %1 automatisch freigegeben</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="85"/>
        <source>watch started: %1, until %2, gates %3</source>
        <translation>Beobachtung gestartet: %1, bis %2, Gates %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="89"/>
        <source>watch passed</source>
        <translation>Beobachtung bestanden</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="91"/>
        <source>watch ended early by %1</source>
        <translation>Beobachtung vorzeitig beendet von %1</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="94"/>
        <source>%1 %2 started (%3) attempt %4</source>
        <translation>%1 %2 gestartet (%3), Versuch %4</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="96"/>
        <source>%1 %2 started (rollback) attempt %3</source>
        <translation>%1 %2 gestartet (Rollback), Versuch %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="97"/>
        <source>%1 %2 started attempt %3</source>
        <translation>%1 %2 gestartet, Versuch %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="100"/>
        <source>%1 %2 %3 in %4 ms (%5)</source>
        <translation>%1 %2 %3 in %4 ms (%5)</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="103"/>
        <source>%1 %2 %3 in %4 ms (rollback)</source>
        <translation>%1 %2 %3 in %4 ms (Rollback)</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="104"/>
        <source>%1 %2 %3 in %4 ms</source>
        <translation>%1 %2 %3 in %4 ms</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="107"/>
        <source>%1 %2 retried by %3</source>
        <translation>%1 %2 wiederholt von %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="109"/>
        <source>%1 %2 skipped by %3</source>
        <translation>%1 %2 übersprungen von %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="111"/>
        <source>%1 %2 marked done by %3</source>
        <translation>%1 %2 als erledigt markiert von %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="113"/>
        <source>%1 %2 waits for the operator: %3</source>
        <translation>%1 %2 wartet auf den Operator: %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="117"/>
        <source>%1 %2 confirmed by %3</source>
        <translation>%1 %2 bestätigt von %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="119"/>
        <source>%1 %2 declined by %3</source>
        <translation>%1 %2 abgelehnt von %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="121"/>
        <source>%1 %2 interrupted (attempt %3): it may or may not have taken effect</source>
        <translation>%1 %2 unterbrochen (Versuch %3): hat vielleicht gewirkt, vielleicht nicht</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="124"/>
        <source>%1 recovers by itself (%2)</source>
        <translation>%1 erholt sich selbst (%2)</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="131"/>
        <source>%1 %2 from the previous console ended by %3</source>
        <translation>%1 %2 der vorigen Konsole beendet von %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="133"/>
        <source>%1 rollback requested by %2</source>
        <translation>Rollback von %1 angefordert von %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="135"/>
        <source>emergency rollback by %1</source>
        <translation>Notfall-Rollback durch %1</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="137"/>
        <source>automatic rollback scheduled</source>
        <translation>automatisches Rollback geplant</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="139"/>
        <source>automatic rollback cancelled by %1</source>
        <translation>automatisches Rollback abgebrochen von %1</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="141"/>
        <source>automatic rollback started at once by %1</source>
        <translation>automatisches Rollback sofort gestartet von %1</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="143"/>
        <source>%1 rolls back %2 → %3</source>
        <translation>%1 wird zurückgerollt %2 → %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="146"/>
        <source>%1 untouched: nothing that changes the system ran, nothing was rolled back</source>
        <translation>%1 unberührt: nichts Systemveränderndes lief, nichts wurde zurückgerollt</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="147"/>
        <source>%1 left as is: no rollback step compensates what ran, nothing was rolled back</source>
        <translation>%1 bleibt wie es ist: kein Rollback-Schritt gleicht aus, was lief; nichts wurde zurückgerollt</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="150"/>
        <source>%1 rolled back to %2</source>
        <translation>%1 auf %2 zurückgerollt</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="152"/>
        <source>%1: rollback failed: %2</source>
        <translation>%1: Rollback fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="154"/>
        <source>%1 needs restore: %2 cannot be undone; %3</source>
        <translation>%1 braucht eine Wiederherstellung: %2 ist nicht umkehrbar; %3</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="156"/>
        <source>%1 restored by hand, confirmed by %2</source>
        <translation>%1 von Hand wiederhergestellt, bestätigt von %2</translation>
    </message>
    <message>
        <location filename="../models/run/RunNarration.cpp" line="158"/>
        <source>%1 left on %2 by %3 — needs restore</source>
        <translation>%1 von %3 auf %2 belassen — braucht eine Wiederherstellung</translation>
    </message>
</context>
<context>
    <name>lockstep::RunNotifications</name>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="50"/>
        <source>The webhook %1 was not told: %2. The run goes on; check the URL in the settings (notifications/webhook/&lt;product&gt;).</source>
        <translation>Der Webhook %1 wurde nicht benachrichtigt: %2. Der Lauf geht weiter; prüfen Sie die URL in den Einstellungen (notifications/webhook/&lt;product&gt;).</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="96"/>
        <source>Run %1: %2 waits for you</source>
        <translation>Lauf %1: %2 wartet auf Sie</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="93"/>
        <source>Run %1: approval needed</source>
        <translation>Lauf %1: Freigabe nötig</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="97"/>
        <source>Run %1: %2 needs restore</source>
        <translation>Lauf %1: %2 braucht eine Wiederherstellung</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="98"/>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="105"/>
        <source>Run %1 (%2 → %3): %4</source>
        <translation>Lauf %1 (%2 → %3): %4</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="112"/>
        <source>The run pauses for the operator.</source>
        <translation>Der Lauf pausiert für den Operator.</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="113"/>
        <source>The run rolls back in %1 s unless an operator cancels.</source>
        <translation>Der Lauf rollt in %1 s zurück, wenn kein Operator abbricht.</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="114"/>
        <source>The run rolls back.</source>
        <translation>Der Lauf rollt zurück.</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="94"/>
        <source>Run %1: gate %2 failed</source>
        <translation>Lauf %1: Gate %2 nicht bestanden</translation>
    </message>
    <message>
        <location filename="../app/notify/RunNotifications.cpp" line="144"/>
        <source>The webhook of %1 is not an http(s) URL; nothing was sent. Fix notifications/webhook/%1 in the settings.</source>
        <translation>Der Webhook von %1 ist keine http(s)-URL; es wurde nichts gesendet. Korrigieren Sie notifications/webhook/%1 in den Einstellungen.</translation>
    </message>
</context>
<context>
    <name>lockstep::RunsPage</name>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="33"/>
        <source>&amp;Open</source>
        <translation>&amp;Öffnen</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="34"/>
        <source>Sign o&amp;ff…</source>
        <translation>A&amp;bzeichnen…</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="35"/>
        <source>Re&amp;port</source>
        <translation>Be&amp;richt</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="37"/>
        <source>Open a finished run to see it as it ran: its grid, each step&apos;s output and its log. Open an interrupted run to recover it.</source>
        <translation>Öffnen Sie einen beendeten Lauf, um ihn so zu sehen, wie er lief: sein Raster, die Ausgabe jedes Schritts und sein Protokoll. Öffnen Sie einen unterbrochenen Lauf, um ihn wiederherzustellen.</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="43"/>
        <source>Filter runs (runbook, product, version, operator, state …)</source>
        <translation>Läufe filtern (Runbook, Produkt, Version, Operator, Status …)</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="48"/>
        <source>Sign a checklist item of the selected run before it starts — also a run that another operator&apos;s console prepares (four eyes)</source>
        <translation>Einen Checklistenpunkt des gewählten Laufs vor dem Start abzeichnen — auch eines Laufs, den die Konsole eines anderen Operators vorbereitet (Vier-Augen-Prinzip)</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="51"/>
        <source>The report of the selected run, to read or export</source>
        <translation>Der Bericht des ausgewählten Laufs, zum Lesen oder Exportieren</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="165"/>
        <source>Recovery failed: %1</source>
        <translation>Wiederherstellung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="177"/>
        <source>Run %1 (%2 → %3, %4)%5 &lt;a href=&quot;recover:%1&quot;&gt;Recover&lt;/a&gt;</source>
        <translation>Lauf %1 (%2 → %3, %4)%5 &lt;a href=&quot;recover:%1&quot;&gt;Wiederherstellen&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="180"/>
        <source>: interrupted %1</source>
        <translation>: unterbrochen %1</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="182"/>
        <source>The console stopped while a run was going. Nothing was re-run. %1</source>
        <translation>Die Konsole wurde während eines Laufs beendet. Nichts wurde erneut ausgeführt. %1</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="215"/>
        <source>Signed off on run %1.</source>
        <translation>Für Lauf %1 abgezeichnet.</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="229"/>
        <source>Cannot read run %1 from the store: %2</source>
        <translation>Lauf %1 kann nicht aus der Datenbank gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="237"/>
        <source>Cannot show run %1: %2</source>
        <translation>Lauf %1 kann nicht angezeigt werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="256"/>
        <source>Run %1 is driven by another console (operator %2). It is shown below read-only and follows that console as it goes.</source>
        <translation>Lauf %1 wird von einer anderen Konsole gesteuert (Operator %2). Er wird unten schreibgeschützt angezeigt und folgt dieser Konsole laufend.</translation>
    </message>
    <message>
        <location filename="../ui/runs/RunsPage.cpp" line="265"/>
        <source>Run %1 cannot be recovered: %2</source>
        <translation>Lauf %1 kann nicht wiederhergestellt werden: %2</translation>
    </message>
</context>
<context>
    <name>lockstep::ShortcutsDialog</name>
    <message>
        <location filename="../ui/upgrade/ShortcutsDialog.cpp" line="49"/>
        <source>Keyboard shortcuts — Lockstep</source>
        <translation>Tastenkürzel — Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ShortcutsDialog.cpp" line="52"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ShortcutsDialog.cpp" line="52"/>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ShortcutsDialog.cpp" line="52"/>
        <source>Menu</source>
        <translation>Menü</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/ShortcutsDialog.cpp" line="63"/>
        <source>In tables the arrow keys move between rows and cells; Tab moves on to the next control. Ctrl+Tab and Ctrl+Shift+Tab switch pages.</source>
        <translation>In Tabellen bewegen die Pfeiltasten zwischen Zeilen und Zellen; Tab geht zum nächsten Bedienelement. Strg+Tab und Strg+Umschalt+Tab wechseln die Seite.</translation>
    </message>
</context>
<context>
    <name>lockstep::SignOffDialog</name>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="28"/>
        <source>Sign off run %1</source>
        <translation>Lauf %1 abzeichnen</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="35"/>
        <source>What you checked</source>
        <translation>Was Sie geprüft haben</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="36"/>
        <source>&amp;Sign off</source>
        <translation>&amp;Abzeichnen</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="40"/>
        <source>&amp;Item:</source>
        <translation>&amp;Punkt:</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="41"/>
        <source>&amp;Operator:</source>
        <translation>&amp;Operator:</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="42"/>
        <source>&amp;Comment:</source>
        <translation>&amp;Kommentar:</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="67"/>
        <source>%1 of %2 signed</source>
        <translation>%1 von %2 abgezeichnet</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="68"/>
        <source>%1 of %2 signed, by %3</source>
        <translation>%1 von %2 abgezeichnet, von %3</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="72"/>
        <source>Run %1 has nothing left to sign off.</source>
        <translation>Bei Lauf %1 ist nichts mehr abzuzeichnen.</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="75"/>
        <source>Sign as yourself: an item that needs two operators refuses the same name twice.</source>
        <translation>Zeichnen Sie unter Ihrem eigenen Namen ab: Ein Punkt, der zwei Operatoren braucht, nimmt denselben Namen nicht zweimal an.</translation>
    </message>
    <message>
        <location filename="../ui/runs/SignOffDialog.cpp" line="85"/>
        <source>Not signed: %1</source>
        <translation>Nicht abgezeichnet: %1</translation>
    </message>
</context>
<context>
    <name>lockstep::SshConsole</name>
    <message>
        <location filename="../ui/ssh/SshConsole.cpp" line="55"/>
        <source>no audit log is open, so trusting a key cannot be recorded</source>
        <translation>kein Audit-Log geöffnet, daher kann das Vertrauen in einen Schlüssel nicht festgehalten werden</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshConsole.cpp" line="56"/>
        <source>open a store (the console could not open one at start)</source>
        <translation>eine Datenbank öffnen; die Konsole konnte beim Start keine öffnen</translation>
    </message>
</context>
<context>
    <name>lockstep::SshSettingsGroup</name>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="18"/>
        <source>SSH</source>
        <translation>SSH</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="22"/>
        <source>Read ssh_confi&amp;g</source>
        <translation>ssh_confi&amp;g lesen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="26"/>
        <source>optional: host, address or ssh_config Host alias</source>
        <translation>optional: Host, Adresse oder Host-Alias aus ssh_config</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="28"/>
        <source>from ssh_config, else your login name</source>
        <translation>aus ssh_config, sonst Ihr Anmeldename</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="31"/>
        <source>from ssh_config, else 22</source>
        <translation>aus ssh_config, sonst 22</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="32"/>
        <source>ssh-agent, ssh_config&apos;s IdentityFile, ~/.ssh/id_*</source>
        <translation>ssh-agent, IdentityFile aus ssh_config, ~/.ssh/id_*</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="33"/>
        <source>SSH identity file</source>
        <translation>SSH-Identitätsdatei</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="36"/>
        <source>~/.ssh/config</source>
        <translation>~/.ssh/config</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="36"/>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="137"/>
        <source>ssh_config file</source>
        <translation>ssh_config-Datei</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="37"/>
        <source>~/.ssh/known_hosts</source>
        <translation>~/.ssh/known_hosts</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="37"/>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="138"/>
        <source>known_hosts file</source>
        <translation>known_hosts-Datei</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="47"/>
        <source>Choose a file</source>
        <translation>Datei auswählen</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="58"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="59"/>
        <source>U&amp;ser:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="60"/>
        <source>Po&amp;rt:</source>
        <translation>P&amp;ort:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="61"/>
        <source>I&amp;dentity file:</source>
        <translation>I&amp;dentitätsdatei:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="63"/>
        <source>ssh_config &amp;file:</source>
        <translation>ssh_config-Dat&amp;ei:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="64"/>
        <source>&amp;known_hosts:</source>
        <translation>kno&amp;wn_hosts:</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="132"/>
        <source>SSH host is required when an SSH user or port is given.</source>
        <translation>Ein SSH-Host ist erforderlich, wenn ein SSH-Benutzer oder -Port angegeben ist.</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="134"/>
        <source>SSH target: %1</source>
        <translation>SSH-Ziel: %1</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="136"/>
        <source>Identity file</source>
        <translation>Identitätsdatei</translation>
    </message>
    <message>
        <location filename="../ui/ssh/SshSettingsGroup.cpp" line="144"/>
        <source>ssh_config file &quot;none&quot; is reserved: untick &quot;Read ssh_config&quot; instead.</source>
        <translation>Die ssh_config-Datei „none“ ist reserviert: Entfernen Sie stattdessen den Haken bei „ssh_config lesen“.</translation>
    </message>
</context>
<context>
    <name>lockstep::StoreSettingsDialog</name>
    <message>
        <location filename="../ui/team/StoreSettingsDialog.cpp" line="18"/>
        <source>Store — Lockstep</source>
        <translation>Datenbank — Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/team/StoreSettingsDialog.cpp" line="20"/>
        <source>lockstep.sqlite in the data directory</source>
        <translation>lockstep.sqlite im Datenverzeichnis</translation>
    </message>
    <message>
        <location filename="../ui/team/StoreSettingsDialog.cpp" line="22"/>
        <source>A SQLite file for this console alone, or &lt;tt&gt;postgresql://user@host:5432/lockstep&lt;/tt&gt; to share runs, sign-offs and the audit log with a team. Leave the password out: it comes from PGPASSWORD or ~/.pgpass, or Lockstep asks for it at start and keeps it only in memory. Used from the next start.</source>
        <translation>Eine SQLite-Datei nur für diese Konsole, oder &lt;tt&gt;postgresql://benutzer@host:5432/lockstep&lt;/tt&gt;, um Läufe, Abzeichnungen und das Audit-Log mit einem Team zu teilen. Lassen Sie das Passwort weg: Es kommt aus PGPASSWORD oder ~/.pgpass, oder Lockstep fragt beim Start danach und behält es nur im Speicher. Gilt ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>lockstep::TaskProgress</name>
    <message>
        <location filename="../ui/common/TaskProgress.cpp" line="16"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/common/TaskProgress.cpp" line="34"/>
        <source>%1 — cancelling…</source>
        <translation>%1 — wird abgebrochen…</translation>
    </message>
</context>
<context>
    <name>lockstep::UpgradeMenuBar</name>
    <message>
        <location filename="../ui/upgrade/UpgradeMenuBar.cpp" line="17"/>
        <source>&amp;Run</source>
        <translation>&amp;Lauf</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeMenuBar.cpp" line="18"/>
        <source>&amp;Go</source>
        <translation>&amp;Seiten</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeMenuBar.cpp" line="19"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeMenuBar.cpp" line="51"/>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>&amp;Tastenkürzel…</translation>
    </message>
</context>
<context>
    <name>lockstep::UpgradeWindow</name>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="47"/>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="191"/>
        <source>Upgrade — Lockstep</source>
        <translation>Upgrade — Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="50"/>
        <source>1 · Plan</source>
        <translation>1 · Plan</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="51"/>
        <source>2 · Checklist</source>
        <translation>2 · Checkliste</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="52"/>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="190"/>
        <source>3 · Progress</source>
        <translation>3 · Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="53"/>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="54"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="55"/>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="73"/>
        <source>%1 · %2 → %3 · %4 (this console&apos;s run)</source>
        <translation>%1 · %2 → %3 · %4 (Lauf dieser Konsole)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="79"/>
        <source>%1 · %2 → %3 · %4 · %5</source>
        <translation>%1 · %2 → %3 · %4 · %5</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="86"/>
        <source>no store is open</source>
        <translation>keine Datenbank ist geöffnet</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="109"/>
        <source>run %1 rolled back on %2%3</source>
        <translation>Lauf %1 am %2 zurückgerollt%3</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="129"/>
        <source>Run %1 stopped in this console: %2</source>
        <translation>Lauf %1 in dieser Konsole angehalten: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="145"/>
        <source>The store could not be opened, so upgrades are not possible: %1</source>
        <translation>Die Datenbank konnte nicht geöffnet werden, daher sind keine Upgrades möglich: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="190"/>
        <source>3 · Progress (%1 waiting)</source>
        <translation>3 · Fortschritt (%1 wartend)</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="191"/>
        <source>(%1 waiting) Upgrade — Lockstep</source>
        <translation>(%1 wartend) Upgrade — Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeWindow.cpp" line="208"/>
        <source>The run was not created: %1</source>
        <translation>Der Lauf wurde nicht angelegt: %1</translation>
    </message>
</context>
<context>
    <name>lockstep::WaveApprovalPanel</name>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="24"/>
        <source>Copy re&amp;quest</source>
        <translation>Anfrage &amp;kopieren</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="25"/>
        <source>I&amp;mport signed approval</source>
        <translation>Signierte Freigabe i&amp;mportieren</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="37"/>
        <source>A second operator&apos;s signed approval (lockstep-cli signoff --sign REQUEST --key KEY.pub --output FILE): paste the file&apos;s text here and import it.</source>
        <translation>Die signierte Freigabe eines zweiten Operators (lockstep-cli signoff --sign ANFRAGE --key SCHLÜSSEL.pub --output DATEI): den Text der Datei hier einfügen und importieren.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="41"/>
        <source>Copies what a second operator signs for this approval, with the gates&apos; values shown here.</source>
        <translation>Kopiert, was ein zweiter Operator für diese Freigabe signiert, mit den hier gezeigten Werten der Gates.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="43"/>
        <source>Si&amp;gned approval:</source>
        <translation>Signier&amp;te Freigabe:</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="78"/>
        <source>Approval refused: %1</source>
        <translation>Freigabe abgelehnt: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="90"/>
        <source>Approval of wave %1: %2</source>
        <translation>Freigabe der Welle %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="104"/>
        <source>The request for %1 is on the clipboard: save it to a file for the second operator, who signs it with lockstep-cli signoff --sign FILE --key KEY.pub --output SIGNED.json.</source>
        <translation>Die Anfrage für %1 ist in der Zwischenablage: als Datei für den zweiten Operator speichern, der sie mit lockstep-cli signoff --sign DATEI --key SCHLÜSSEL.pub --output SIGNIERT.json signiert.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="114"/>
        <source>pasted approval</source>
        <translation>eingefügte Freigabe</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="137"/>
        <source>%1 approved with an SSH key (verified); the wave still waits.</source>
        <translation>%1 hat mit einem SSH-Schlüssel freigegeben (geprüft); die Welle wartet noch.</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/WaveApprovalPanel.cpp" line="140"/>
        <source>Verifying the approval&apos;s signature with ssh-keygen…</source>
        <translation>Die Signatur der Freigabe wird mit ssh-keygen geprüft…</translation>
    </message>
</context>
<context>
    <name>lockstep::WebhookSender</name>
    <message>
        <location filename="../app/notify/WebhookSender.cpp" line="44"/>
        <source>the server answered HTTP %1</source>
        <translation>der Server antwortete mit HTTP %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../ui/gui/main.cpp" line="67"/>
        <source>Guided upgrades across a fleet</source>
        <translation>Geführte Upgrades über eine ganze Flotte</translation>
    </message>
    <message>
        <location filename="../ui/gui/main.cpp" line="57"/>
        <source>Keep the store, settings and log in &lt;dir&gt;.</source>
        <translation>Datenbank, Einstellungen und Protokoll in &lt;dir&gt; ablegen.</translation>
    </message>
    <message>
        <location filename="../ui/gui/main.cpp" line="59"/>
        <source>Import &lt;url&gt;/inventory.yaml of a lockstep-fleetsim at start and poll it.</source>
        <translation>Beim Start &lt;url&gt;/inventory.yaml eines lockstep-fleetsim importieren und abfragen.</translation>
    </message>
    <message>
        <location filename="../ui/gui/main.cpp" line="62"/>
        <source>Use the store at &lt;url&gt; (postgresql://...) instead of SQLite.</source>
        <translation>Die Datenbank unter &lt;url&gt; (postgresql://...) statt SQLite verwenden.</translation>
    </message>
    <message>
        <location filename="../ui/gui/main.cpp" line="169"/>
        <source>The store could not be opened, changes are not kept: %1</source>
        <translation>Die Datenbank konnte nicht geöffnet werden, Änderungen werden nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>upgrade</name>
    <message>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="13"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="15"/>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="18"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="20"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="21"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="27"/>
        <source>1 instance: %1</source>
        <translation>1 Instanz: %1</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="28"/>
        <source>%1 instances: %2</source>
        <translation>%1 Instanzen: %2</translation>
    </message>
    <message>
        <location filename="../ui/upgrade/UpgradeText.cpp" line="46"/>
        <source>×%1 demo timing: observation, gate intervals and waits %1 times shorter than the runbook&apos;s (not for a real upgrade)</source>
        <translation>×%1 Demo-Zeitmaßstab: Beobachtung, Gate-Intervalle und Wartezeiten %1-mal kürzer als im Runbook (nicht für ein echtes Upgrade)</translation>
    </message>
</context>
</TS>
