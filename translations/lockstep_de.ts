<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <translation>Ausstehend</translation>
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
        <location filename="../ui/fleet/FleetPage.cpp" line="127"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
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
        <location filename="../ui/inventory/InstanceDialog.cpp" line="57"/>
        <source>Add instance</source>
        <translation>Instanz hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="57"/>
        <source>Edit %1</source>
        <translation>%1 bearbeiten</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="61"/>
        <source>e.g. graph-api-prod-eu-1</source>
        <translation>z. B. graph-api-prod-eu-1</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="67"/>
        <source>comma separated, e.g. eu, canary</source>
        <translation>durch Kommas getrennt, z. B. eu, canary</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="69"/>
        <source>filled in by health polling; e.g. 1.4.2</source>
        <translation>wird durch die Zustandsabfrage ermittelt; z. B. 1.4.2</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="75"/>
        <source>version a frozen instance stays on</source>
        <translation>Version, auf der eine eingefrorene Instanz bleibt</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="78"/>
        <source>http://host:port (serves /health and /version)</source>
        <translation>http://host:port (liefert /health und /version)</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="79"/>
        <source>optional control-plane API</source>
        <translation>optionale Control-Plane-API</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="81"/>
        <source>optional, user@host:port or alias</source>
        <translation>optional, user@host:port oder Alias</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="88"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="89"/>
        <source>&amp;Product:</source>
        <translation>&amp;Produkt:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="90"/>
        <source>&amp;Environment:</source>
        <translation>&amp;Umgebung:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="91"/>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="92"/>
        <source>&amp;Version:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="93"/>
        <source>&amp;Channel:</source>
        <translation>&amp;Kanal:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="94"/>
        <source>P&amp;inned version:</source>
        <translation>F&amp;ixierte Version:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="95"/>
        <source>&amp;URL:</source>
        <translation>U&amp;RL:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="96"/>
        <source>&amp;API URL:</source>
        <translation>&amp;API-URL:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="97"/>
        <source>&amp;SSH target:</source>
        <translation>&amp;SSH-Ziel:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="98"/>
        <source>S&amp;tate:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="103"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="103"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="148"/>
        <source>Name is required.</source>
        <translation>Ein Name ist erforderlich.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="150"/>
        <source>Name &quot;%1&quot; may only contain letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>Der Name „%1“ darf nur Buchstaben, Ziffern, „.“, „_“ und „-“ enthalten.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="152"/>
        <source>An instance called &quot;%1&quot; already exists.</source>
        <translation>Es gibt bereits eine Instanz namens „%1“.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="154"/>
        <source>Product is required.</source>
        <translation>Ein Produkt ist erforderlich.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="156"/>
        <source>Version &quot;%1&quot; is not a semantic version (e.g. 1.4.2).</source>
        <translation>Die Version „%1“ ist keine semantische Version (z. B. 1.4.2).</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="158"/>
        <source>Pinned version &quot;%1&quot; is not a semantic version.</source>
        <translation>Die fixierte Version „%1“ ist keine semantische Version.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="160"/>
        <source>URL is required: health and version are polled from it.</source>
        <translation>Eine URL ist erforderlich: Zustand und Version werden von ihr abgefragt.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="162"/>
        <source>URL &quot;%1&quot; is not an http:// or https:// address.</source>
        <translation>Die URL „%1“ ist keine http://- oder https://-Adresse.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="164"/>
        <source>API URL &quot;%1&quot; is not an http:// or https:// address.</source>
        <translation>Die API-URL „%1“ ist keine http://- oder https://-Adresse.</translation>
    </message>
    <message>
        <location filename="../ui/inventory/InstanceDialog.cpp" line="179"/>
        <source>Could not save: %1</source>
        <translation>Speichern fehlgeschlagen: %1</translation>
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
        <source>&amp;Start upgrade…</source>
        <translation>Upgrade &amp;starten…</translation>
    </message>
    <message>
        <source>Plan an upgrade of the selected instances, or of all pending of a product (Ctrl+U)</source>
        <translation>Ein Upgrade der ausgewählten Instanzen planen, oder aller ausstehenden eines Produkts (Strg+U)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>&amp;Prüfprotokoll</translation>
    </message>
    <message>
        <source>&amp;Monitoring</source>
        <translation>&amp;Überwachung</translation>
    </message>
    <message>
        <source>Error rate, latency, queue depth and gates of instances or a run&apos;s waves, live (Ctrl+M)</source>
        <translation>Fehlerrate, Latenz, Warteschlangenlänge und Gates von Instanzen oder den Wellen eines Laufs, live (Strg+M)</translation>
    </message>
    <message>
        <source>&amp;Upgrade</source>
        <translation>&amp;Upgrade</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="39"/>
        <source>Lockstep</source>
        <translation>Lockstep</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="61"/>
        <location filename="../ui/MainWindow.cpp" line="88"/>
        <source>Could not load the inventory: %1</source>
        <translation>Das Inventar konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="74"/>
        <source>&amp;Import inventory…</source>
        <translation>Inventar &amp;importieren…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="76"/>
        <source>Import a YAML or Ansible INI inventory (Ctrl+I)</source>
        <translation>Ein YAML- oder Ansible-INI-Inventar importieren (Strg+I)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="77"/>
        <source>&amp;Add instance…</source>
        <translation>Instanz &amp;hinzufügen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="79"/>
        <source>&amp;Edit instance…</source>
        <translation>Instanz &amp;bearbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="81"/>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="83"/>
        <source>Remove the selected instances from the inventory (Del in the table)</source>
        <translation>Die ausgewählten Instanzen aus dem Inventar entfernen (Entf in der Tabelle)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="84"/>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="86"/>
        <source>Re&amp;load inventory</source>
        <translation>Inventar neu &amp;laden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="90"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="94"/>
        <source>&amp;Log panel</source>
        <translation>&amp;Protokollbereich</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="97"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="102"/>
        <source>F&amp;leet</source>
        <translation>F&amp;lotte</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="111"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="115"/>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="152"/>
        <source>Added %1.</source>
        <translation>%1 hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="152"/>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="170"/>
        <source>Select an instance to edit.</source>
        <translation>Wählen Sie die Instanz aus, die Sie bearbeiten möchten.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="183"/>
        <source>Could not remove: %1</source>
        <translation>Entfernen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="190"/>
        <source>Removed %1. &lt;a href=&quot;undo&quot;&gt;Undo&lt;/a&gt;</source>
        <translation>%1 entfernt. &lt;a href=&quot;undo&quot;&gt;Rückgängig&lt;/a&gt;</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="200"/>
        <source>Could not restore %1: %2</source>
        <translation>%1 konnte nicht wiederhergestellt werden: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="204"/>
        <source>Restored %1.</source>
        <translation>%1 wiederhergestellt.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="210"/>
        <source>Import inventory</source>
        <translation>Inventar importieren</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="211"/>
        <source>Inventories (*.yaml *.yml *.ini *.cfg *.hosts);;All files (*)</source>
        <translation>Inventare (*.yaml *.yml *.ini *.cfg *.hosts);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="217"/>
        <source>Nothing was imported from %1: %2</source>
        <translation>Aus %1 wurde nichts importiert: %2</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="221"/>
        <source>Imported %1 from %2.</source>
        <translation>%1 aus %2 importiert.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="103"/>
        <source>&amp;Test SSH connection…</source>
        <translation>SSH-Verbindung &amp;testen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="105"/>
        <source>Connect to the instance over SSH: host key fingerprint and how it authenticates</source>
        <translation>Per SSH mit der Instanz verbinden: Fingerabdruck des Hostschlüssels und wie die Anmeldung gelingt</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="106"/>
        <source>Scan SSH &amp;host keys…</source>
        <translation>SSH-Hostschlüssel &amp;prüfen…</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="108"/>
        <source>Every instance&apos;s SSH host key and whether known_hosts trusts it</source>
        <translation>Der SSH-Hostschlüssel jeder Instanz und ob known_hosts ihm vertraut</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="267"/>
        <source>Select an instance with an SSH target to test.</source>
        <translation>Wählen Sie eine Instanz mit SSH-Ziel aus, um die Verbindung zu testen.</translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="285"/>
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
        <translation>Hinweise</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="64"/>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <location filename="../models/itemmodels/ReleaseListModel.cpp" line="65"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/gui/main.cpp" line="44"/>
        <source>Guided upgrades across a fleet</source>
        <translation>Geführte Upgrades über eine ganze Flotte</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="48"/>
        <source>Keep the store, settings and log in &lt;dir&gt;.</source>
        <translation>Datenbank, Einstellungen und Protokoll in &lt;dir&gt; ablegen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="50"/>
        <source>Import &lt;url&gt;/inventory.yaml of a lockstep-fleetsim at start and poll it.</source>
        <translation>Beim Start &lt;url&gt;/inventory.yaml eines lockstep-fleetsim importieren und abfragen.</translation>
    </message>
    <message>
        <location filename="../app/gui/main.cpp" line="53"/>
        <source>Use the store at &lt;url&gt; (postgresql://...) instead of SQLite.</source>
        <translation>Die Datenbank unter &lt;url&gt; (postgresql://...) statt SQLite verwenden.</translation>
    </message>
</context>
</TS>
