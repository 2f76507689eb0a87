<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_BE" sourcelanguage="nl_BE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Over Digipunt</source>
        <translation>About Digipunt</translation>
    </message>
    <message>
        <source>Registreer elke digitale hulpvraag, ook zonder internet. De gegevens gaan naar de regionale coördinator zodra de pc online is.</source>
        <translation>Record every digital help request, even without internet. The data goes to the regional coordinator as soon as the PC is online.</translation>
    </message>
    <message>
        <source>&amp;Versie:</source>
        <translation>&amp;Version:</translation>
    </message>
    <message>
        <source>&amp;Gegevensmap:</source>
        <translation>&amp;Data folder:</translation>
    </message>
    <message>
        <source>&amp;Logbestanden:</source>
        <translation>&amp;Log files:</translation>
    </message>
    <message>
        <source>&amp;Installatie:</source>
        <translation>&amp;Installation:</translation>
    </message>
    <message>
        <source>Draagbaar: gegevens staan naast het programma</source>
        <translation>Portable: data is kept next to the program</translation>
    </message>
    <message>
        <source>Normaal: gegevens staan in het gebruikersprofiel</source>
        <translation>Normal: data is kept in the user profile</translation>
    </message>
    <message>
        <source>Licentie:</source>
        <translation>Licence:</translation>
    </message>
    <message>
        <source>&amp;Onderdelen:</source>
        <translation>&amp;Components:</translation>
    </message>
    <message>
        <source>Gegevensmap &amp;openen</source>
        <translation>&amp;Open data folder</translation>
    </message>
    <message>
        <source>&amp;Logmap openen</source>
        <translation>Open lo&amp;g folder</translation>
    </message>
    <message>
        <source>&amp;Kopieer gegevens</source>
        <translation>Co&amp;py details</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Versie</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Gegevensmap</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Logbestanden</source>
        <translation>Log files</translation>
    </message>
    <message>
        <source>Installatie</source>
        <translation>Installation</translation>
    </message>
    <message>
        <source>Licentie</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>Onderdelen</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Gegevensmap openen</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <source>Logmap openen</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>Kopieer gegevens</source>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>BreakdownPanel</name>
    <message>
        <source>Omschrijving</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>% van de sessies</source>
        <translation>% of sessions</translation>
    </message>
    <message>
        <source>Tabel: %1</source>
        <translation>Table: %1</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Unieke volwassenen bereikt</source>
        <translation>Unique adults reached</translation>
    </message>
    <message>
        <source>met bezoekerscode (exact)</source>
        <translation>with a visitor code (exact)</translation>
    </message>
    <message>
        <source>geschat: eerste bezoek zonder code</source>
        <translation>estimated: first visit without a code</translation>
    </message>
    <message>
        <source>geschat</source>
        <translation>estimated</translation>
    </message>
    <message>
        <source>Overige</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Geen gegevens in deze periode</source>
        <translation>No data in this period</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Begin</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Duur (min)</source>
        <translation>Duration (min)</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Doorverwezen naar</source>
        <translation>Referred to</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>18+ bevestigd</source>
        <translation>18+ confirmed</translation>
    </message>
    <message>
        <source>Eerste bezoek</source>
        <translation>First visit</translation>
    </message>
    <message>
        <source>Taal</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Bezoekerscode</source>
        <translation>Visitor code</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Notities</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Verwijderd</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>yes</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>no</translation>
    </message>
    <message>
        <source>Twee versies van dezelfde sessie</source>
        <translation>Two versions of the same session</translation>
    </message>
    <message>
        <source>Deze sessie werd op twee pc&apos;s tegelijk aangepast. De lijst toont nu de versie van de server. Uw versie is bewaard. Rijen met ≠ verschillen. Welke versie klopt?</source>
        <translation>This session was changed on two PCs at the same time. The list now shows the server&apos;s version. Your version has been kept. Rows marked ≠ differ. Which version is right?</translation>
    </message>
    <message>
        <source>Op deze pc (uw versie)</source>
        <translation>On this PC (your version)</translation>
    </message>
    <message>
        <source>Op de server</source>
        <translation>On the server</translation>
    </message>
    <message>
        <source>Vergelijking van de twee versies</source>
        <translation>Comparison of the two versions</translation>
    </message>
    <message>
        <source>(nog niet ontvangen)</source>
        <translation>(not received yet)</translation>
    </message>
    <message>
        <source>Versie van de &amp;server houden</source>
        <translation>Keep the &amp;server&apos;s version</translation>
    </message>
    <message>
        <source>&amp;Mijn versie houden</source>
        <translation>Keep &amp;my version</translation>
    </message>
    <message>
        <source>&amp;Later beslissen</source>
        <translation>Decide &amp;later</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Rapport wordt geladen…</source>
        <translation>Loading report…</translation>
    </message>
    <message>
        <source>&amp;Vernieuwen</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>Bezig met tellen…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>Geannuleerd.</source>
        <translation>Cancelled.</translation>
    </message>
    <message>
        <source>Bezig met tellen… (%1 van %2)</source>
        <translation>Counting… (%1 of %2)</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Inschrijven bij de server</source>
        <translation>Enrol with the server</translation>
    </message>
    <message>
        <source>Vul het adres van de server en de inschrijvingscode in die u van de coördinator kreeg. Sessies die al op deze pc staan, blijven bewaard en worden mee verstuurd.</source>
        <translation>Enter the server address and the enrolment code you got from the coordinator. Sessions already on this PC are kept and will be sent too.</translation>
    </message>
    <message>
        <source>&amp;Serveradres:</source>
        <translation>&amp;Server address:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>Serveradres</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Inschrijvingscode</source>
        <translation>Enrolment code</translation>
    </message>
    <message>
        <source>&amp;Inschrijven</source>
        <translation>&amp;Enrol</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>Bezig met inschrijven</source>
        <translation>Enrolling</translation>
    </message>
    <message>
        <source>Vul het adres van de server in.</source>
        <translation>Enter the server address.</translation>
    </message>
    <message>
        <source>Vul de inschrijvingscode in.</source>
        <translation>Enter the enrolment code.</translation>
    </message>
    <message>
        <source>Inschrijven is niet gelukt: %1</source>
        <translation>Enrolment failed: %1</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>(niet ingevuld)</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <source>Kies minstens één dienst (toets 1 tot 9 of klik op een tegel).</source>
        <translation>Choose at least one service (key 1 to 9 or click a tile).</translation>
    </message>
    <message>
        <source>Bewaren... even geduld, het gegevensbestand wordt nog nagekeken.</source>
        <translation>Saving... one moment, the data file is still being checked.</translation>
    </message>
    <message>
        <source>✔ Wijziging bewaard: {services}</source>
        <translation>✔ Change saved: {services}</translation>
    </message>
    <message>
        <source>✔ Bewaard: {services} ({time})</source>
        <translation>✔ Saved: {services} ({time})</translation>
    </message>
    <message>
        <source>⚠ Niet bewaard: {reason} Wat u invulde, staat er nog.</source>
        <translation>⚠ Not saved: {reason} What you entered is still there.</translation>
    </message>
    <message>
        <source>⚠ Niet bewaard door een onverwachte fout ({error}). Wat u invulde, staat er nog.</source>
        <translation>⚠ Not saved because of an unexpected error ({error}). What you entered is still there.</translation>
    </message>
    <message>
        <source>De notitie is {n} tekens lang; maximaal {max}.</source>
        <translation>The note is {n} characters long; at most {max}.</translation>
    </message>
    <message>
        <source>⚠ Zo kan dit niet bewaard worden:</source>
        <translation>⚠ This cannot be saved like this:</translation>
    </message>
    <message>
        <source>Waarmee werd geholpen? (toets 1 tot 9)</source>
        <translation>What did you help with? (key 1 to 9)</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Resultaat: {x}</source>
        <translation>Outcome: {x}</translation>
    </message>
    <message>
        <source>Gegevens</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;Vrijwilliger:</source>
        <translation>&amp;Volunteer:</translation>
    </message>
    <message>
        <source>&amp;Datum en uur:</source>
        <translation>&amp;Date and time:</translation>
    </message>
    <message>
        <source>D&amp;uur (minuten):</source>
        <translation>D&amp;uration (minutes):</translation>
    </message>
    <message>
        <source>Hoe &amp;kwam de vraag binnen:</source>
        <translation>&amp;How the request came in:</translation>
    </message>
    <message>
        <source>&amp;Leeftijd:</source>
        <translation>A&amp;ge:</translation>
    </message>
    <message>
        <source>&amp;Eerste bezoek:</source>
        <translation>&amp;First visit:</translation>
    </message>
    <message>
        <source>&amp;Taal van het gesprek:</source>
        <translation>&amp;Language of the conversation:</translation>
    </message>
    <message>
        <source>&amp;Bezoekerscode (niet verplicht):</source>
        <translation>Visitor &amp;code (optional):</translation>
    </message>
    <message>
        <source>&amp;Postcode woonplaats (niet verplicht):</source>
        <translation>&amp;Postcode of residence (optional):</translation>
    </message>
    <message>
        <source>Vrijwilliger</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>Datum en uur</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>Duur in minuten</source>
        <translation>Duration in minutes</translation>
    </message>
    <message>
        <source>Hoe kwam de vraag binnen</source>
        <translation>How the request came in</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Bezoeker is 18 jaar of ouder</source>
        <translation>Visitor is 18 or older</translation>
    </message>
    <message>
        <source>Eerste bezoek</source>
        <translation>First visit</translation>
    </message>
    <message>
        <source>Taal van het gesprek</source>
        <translation>Language of the conversation</translation>
    </message>
    <message>
        <source>Met tolk</source>
        <translation>With interpreter</translation>
    </message>
    <message>
        <source>Bezoekerscode</source>
        <translation>Visitor code</translation>
    </message>
    <message>
        <source>Nieuwe bezoekerscode maken en kaart afdrukken</source>
        <translation>Make a new visitor code and print the card</translation>
    </message>
    <message>
        <source>Postcode woonplaats</source>
        <translation>Postcode of residence</translation>
    </message>
    <message>
        <source>Notities</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Bezoeker is &amp;18 jaar of ouder</source>
        <translation>Visitor is &amp;18 or older</translation>
    </message>
    <message>
        <source>Nieu&amp;we code...</source>
        <translation>Ne&amp;w code...</translation>
    </message>
    <message>
        <source>bv. 7K3M-Q9XD-4</source>
        <translation>e.g. 7K3M-Q9XD-4</translation>
    </message>
    <message>
        <source>bv. 9000</source>
        <translation>e.g. 9000</translation>
    </message>
    <message>
        <source>Doelgroep (niet verplicht)</source>
        <translation>Target group (optional)</translation>
    </message>
    <message>
        <source>Doelgroep: {x}</source>
        <translation>Target group: {x}</translation>
    </message>
    <message>
        <source>Doorverwezen naar (niet verplicht)</source>
        <translation>Referred to (optional)</translation>
    </message>
    <message>
        <source>Doorverwezen naar: {x}</source>
        <translation>Referred to: {x}</translation>
    </message>
    <message>
        <source>&amp;Notitie (geen namen, rijksregisternummers, e-mail, telefoon- of rekeningnummers):</source>
        <translation>&amp;Note (no names, national register numbers, e-mail, phone or account numbers):</translation>
    </message>
    <message>
        <source>Formulier leegmaken</source>
        <translation>Clear the form</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Wijziging &amp;opslaan (Enter)</source>
        <translation>&amp;Save the change (Enter)</translation>
    </message>
    <message>
        <source>&amp;Annuleren (Esc)</source>
        <translation>C&amp;ancel (Esc)</translation>
    </message>
    <message>
        <source>&amp;Opslaan &amp;&amp; nieuw (Enter)</source>
        <translation>&amp;Save &amp;&amp; new (Enter)</translation>
    </message>
    <message>
        <source>Leeg&amp;maken (Esc)</source>
        <translation>Cle&amp;ar (Esc)</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <source>E&amp;xporteren</source>
        <translation>E&amp;xport</translation>
    </message>
    <message>
        <source>Rapport exporteren</source>
        <translation>Export report</translation>
    </message>
    <message>
        <source>Maandrapport als PDF…</source>
        <translation>Monthly report as PDF…</translation>
    </message>
    <message>
        <source>Tabellen als Excel (XLSX)…</source>
        <translation>Tables as Excel (XLSX)…</translation>
    </message>
    <message>
        <source>Tabellen als CSV…</source>
        <translation>Tables as CSV…</translation>
    </message>
</context>
<context>
    <name>HelpersPage</name>
    <message>
        <source>{name} (niet meer actief)</source>
        <translation>{name} (no longer active)</translation>
    </message>
    <message>
        <source>Typ eerst een naam.</source>
        <translation>Type a name first.</translation>
    </message>
    <message>
        <source>{name} is toegevoegd.</source>
        <translation>{name} has been added.</translation>
    </message>
    <message>
        <source>Kies een vrijwilliger in de lijst en typ de nieuwe naam.</source>
        <translation>Choose a volunteer in the list and type the new name.</translation>
    </message>
    <message>
        <source>{old} heet nu {new}.</source>
        <translation>{old} is now called {new}.</translation>
    </message>
    <message>
        <source>Kies eerst een vrijwilliger in de lijst.</source>
        <translation>Choose a volunteer in the list first.</translation>
    </message>
    <message>
        <source>{name} is weer actief.</source>
        <translation>{name} is active again.</translation>
    </message>
    <message>
        <source>{name} is niet meer actief.</source>
        <translation>{name} is no longer active.</translation>
    </message>
    <message>
        <source>Weer a&amp;ctief maken</source>
        <translation>Make a&amp;ctive again</translation>
    </message>
    <message>
        <source>Niet meer a&amp;ctief</source>
        <translation>No longer a&amp;ctive</translation>
    </message>
    <message>
        <source>Vrijwilligers worden met een voornaam of bijnaam bewaard. Wie niet meer meehelpt, zet u op &quot;niet meer actief&quot;: de oude sessies blijven bewaard.</source>
        <translation>Volunteers are kept by first name or nickname. Someone who no longer helps is set to &quot;no longer active&quot;: their old sessions are kept.</translation>
    </message>
    <message>
        <source>&amp;Vrijwilligers:</source>
        <translation>&amp;Volunteers:</translation>
    </message>
    <message>
        <source>Lijst van vrijwilligers</source>
        <translation>List of volunteers</translation>
    </message>
    <message>
        <source>&amp;Naam:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Naam van de vrijwilliger</source>
        <translation>Name of the volunteer</translation>
    </message>
    <message>
        <source>voornaam of bijnaam</source>
        <translation>first name or nickname</translation>
    </message>
    <message>
        <source>&amp;Toevoegen</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>Naam &amp;wijzigen</source>
        <translation>&amp;Rename</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Registreren</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>Over&amp;zicht</source>
        <translation>&amp;Overview</translation>
    </message>
    <message>
        <source>Vrijwilli&amp;gers</source>
        <translation>Volunt&amp;eers</translation>
    </message>
    <message>
        <source>In&amp;stellingen</source>
        <translation>Se&amp;ttings</translation>
    </message>
    <message>
        <source>De gegevens worden geopend...</source>
        <translation>Opening the data...</translation>
    </message>
    <message>
        <source>Het gegevensbestand wordt nagekeken...</source>
        <translation>Checking the data file...</translation>
    </message>
    <message>
        <source>Wat u sinds het opstarten invulde of bewaarde, is niet verloren.</source>
        <translation>Nothing you entered or saved since the program started has been lost.</translation>
    </message>
    <message>
        <source>⚠ De gegevens konden niet geopend worden: {reason}</source>
        <translation>⚠ The data could not be opened: {reason}</translation>
    </message>
    <message>
        <source>Digipunt - hulpsessies registreren</source>
        <translation>Digipunt - record help sessions</translation>
    </message>
    <message>
        <source>Onderdelen</source>
        <translation>Components</translation>
    </message>
    <message>
        <source>Best&amp;and</source>
        <translation>F&amp;ile</translation>
    </message>
    <message>
        <source>S&amp;ynchronisatie</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Werkbalk</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Melding sluiten</source>
        <translation>Close the message</translation>
    </message>
    <message>
        <source>Statusbalk</source>
        <translation>Status bar</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Deze week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Deze maand</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Vorige maand</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Dit jaar</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Zelf kiezen…</source>
        <translation>Custom…</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>tot en met</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Van (datum)</source>
        <translation>From (date)</translation>
    </message>
    <message>
        <source>Tot en met (datum)</source>
        <translation>To (date)</translation>
    </message>
</context>
<context>
    <name>RegionalTab</name>
    <message>
        <source>Voor de coördinator: de cijfers van de hele regio of van uw digibank, van de server. Vul uw coördinatortoken in; het wordt niet bewaard.</source>
        <translation>For the coordinator: the figures of the whole region or of your digibank, from the server. Enter your coordinator token; it is not stored.</translation>
    </message>
    <message>
        <source>&amp;Serveradres:</source>
        <translation>&amp;Server address:</translation>
    </message>
    <message>
        <source>Coördinator&amp;token:</source>
        <translation>Coordinator &amp;token:</translation>
    </message>
    <message>
        <source>Serveradres</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Coördinatortoken</source>
        <translation>Coordinator token</translation>
    </message>
    <message>
        <source>&amp;Ophalen</source>
        <translation>&amp;Fetch</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>Vul het serveradres en uw coördinatortoken in.</source>
        <translation>Enter the server address and your coordinator token.</translation>
    </message>
    <message>
        <source>Bezig met ophalen…</source>
        <translation>Fetching…</translation>
    </message>
    <message>
        <source>Geannuleerd.</source>
        <translation>Cancelled.</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <source>Rapport opslaan</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>Rapport maken…</source>
        <translation>Making the report…</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Exporteren</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Opgeslagen: %1</source>
        <translation>Saved: %1</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Sessies</source>
        <translation>Sessions</translation>
    </message>
    <message>
        <source>Uren hulp</source>
        <translation>Hours of help</translation>
    </message>
    <message>
        <source>Unieke volwassenen bereikt</source>
        <translation>Unique adults reached</translation>
    </message>
    <message>
        <source>Bereik tegenover de financieringsdrempels</source>
        <translation>Reach against the funding tiers</translation>
    </message>
    <message>
        <source>%1 tot en met %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>%1: %2 unieke volwassenen, waarvan %3 met bezoekerscode (exact) en %4 geschat (eerste bezoek zonder code).</source>
        <translation>%1: %2 unique adults, of whom %3 with a visitor code (exact) and %4 estimated (first visit without a code).</translation>
    </message>
    <message>
        <source>Alle drempels gehaald.</source>
        <translation>All tiers reached.</translation>
    </message>
    <message>
        <source>Nog %1 tot de drempel van %2.</source>
        <translation>%1 more to the tier of %2.</translation>
    </message>
    <message>
        <source>Uren</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Volwassenen</source>
        <translation>Adults</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Dit &amp;digipunt</source>
        <translation>This &amp;digipunt</translation>
    </message>
    <message>
        <source>Re&amp;gio (coördinator)</source>
        <translation>Re&amp;gion (coordinator)</translation>
    </message>
    <message>
        <source>Rapporten</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>Ra&amp;pporten</source>
        <translation>Re&amp;ports</translation>
    </message>
</context>
<context>
    <name>ServiceTiles</name>
    <message>
        <source>gekozen</source>
        <translation>chosen</translation>
    </message>
    <message>
        <source>niet gekozen</source>
        <translation>not chosen</translation>
    </message>
    <message>
        <source>Dienst {n}: {label}</source>
        <translation>Service {n}: {label}</translation>
    </message>
    <message>
        <source>Toets {n} kiest of schrapt deze dienst</source>
        <translation>Key {n} chooses or removes this service</translation>
    </message>
    <message>
        <source>Dienst: {label}</source>
        <translation>Service: {label}</translation>
    </message>
    <message>
        <source>Kies een andere dienst...</source>
        <translation>Choose another service...</translation>
    </message>
    <message>
        <source>Andere d&amp;ienst:</source>
        <translation>Other serv&amp;ice:</translation>
    </message>
    <message>
        <source>Andere dienst kiezen</source>
        <translation>Choose another service</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
</context>
<context>
    <name>SessionList</name>
    <message>
        <source>Alle diensten</source>
        <translation>All services</translation>
    </message>
    <message>
        <source>Alle vrijwilligers</source>
        <translation>All volunteers</translation>
    </message>
    <message>
        <source>Geen sessies gevonden.</source>
        <translation>No sessions found.</translation>
    </message>
    <message>
        <source>Nog geen sessies. Registreer er een bij &quot;Registreren&quot;.</source>
        <translation>No sessions yet. Record one under &quot;Record&quot;.</translation>
    </message>
    <message>
        <source>1 sessie</source>
        <translation>1 session</translation>
    </message>
    <message>
        <source>{n} sessies</source>
        <translation>{n} sessions</translation>
    </message>
    <message>
        <source>Sessie verwijderd: {what}. Per ongeluk? Klik op &quot;Ongedaan maken&quot; of druk Ctrl+Z.</source>
        <translation>Session deleted: {what}. By mistake? Click &quot;Undo&quot; or press Ctrl+Z.</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <source>&amp;Dienst:</source>
        <translation>&amp;Service:</translation>
    </message>
    <message>
        <source>&amp;Vrijwilliger:</source>
        <translation>&amp;Volunteer:</translation>
    </message>
    <message>
        <source>&amp;Resultaat:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <source>&amp;Zoeken in notities:</source>
        <translation>Search in &amp;notes:</translation>
    </message>
    <message>
        <source>Alles</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Vandaag</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Deze week</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>Deze maand</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Vorige maand</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Dit jaar</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Alle resultaten</source>
        <translation>All outcomes</translation>
    </message>
    <message>
        <source>woord uit de notitie</source>
        <translation>word from the note</translation>
    </message>
    <message>
        <source>Lijst van sessies</source>
        <translation>List of sessions</translation>
    </message>
    <message>
        <source>Kolomtitels (klik om te sorteren)</source>
        <translation>Column titles (click to sort)</translation>
    </message>
    <message>
        <source>&amp;Openen en verbeteren (Enter)</source>
        <translation>Open and &amp;correct (Enter)</translation>
    </message>
    <message>
        <source>Ver&amp;wijderen (Delete)</source>
        <translation>&amp;Delete (Delete)</translation>
    </message>
    <message>
        <source>On&amp;gedaan maken (Ctrl+Z)</source>
        <translation>&amp;Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Verwijderen</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Klik om op deze kolom te sorteren</source>
        <translation>Click to sort on this column</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Duur</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Vrijwilliger</source>
        <translation>Volunteer</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Notitie</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Synchronisatie</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>nog te versturen</source>
        <translation>to be sent</translation>
    </message>
    <message>
        <source>verstuurd</source>
        <translation>sent</translation>
    </message>
    <message>
        <source>(verwijderd) </source>
        <translation>(deleted) </translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} min</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>&amp;Taal / Langue / Language:</source>
        <translation>&amp;Language / Taal / Langue:</translation>
    </message>
    <message>
        <source>Taal van het programma</source>
        <translation>Language of the program</translation>
    </message>
    <message>
        <source>Te&amp;kstgrootte:</source>
        <translation>Te&amp;xt size:</translation>
    </message>
    <message>
        <source>Tekstgrootte</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Wijzigingen gelden meteen en blijven bewaard. Vindt u de letters te klein? Kies 150% of 200%.</source>
        <translation>Changes apply at once and are kept. Letters too small? Choose 150% or 200%.</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Synchronisatiestatus</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Synchronisatie: even geduld...</source>
        <translation>Sync: one moment...</translation>
    </message>
    <message>
        <source>○ Niet ingeschreven (alles blijft op deze pc)</source>
        <translation>○ Not enrolled (everything stays on this PC)</translation>
    </message>
    <message>
        <source>⛔ Toegang ingetrokken: vraag een nieuwe code</source>
        <translation>⛔ Access revoked: ask for a new code</translation>
    </message>
    <message>
        <source>⟳ Bezig met synchroniseren...</source>
        <translation>⟳ Synchronising...</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Online</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Offline</translation>
    </message>
    <message>
        <source>%1 wachtend</source>
        <translation>%1 waiting</translation>
    </message>
    <message>
        <source>⚠ De klok van deze pc loopt %1 achter</source>
        <translation>⚠ This PC&apos;s clock is %1 behind</translation>
    </message>
    <message>
        <source>⚠ De klok van deze pc loopt %1 voor</source>
        <translation>⚠ This PC&apos;s clock is %1 ahead</translation>
    </message>
    <message>
        <source>⚠ Conflicten bekijken: %1</source>
        <translation>⚠ Review conflicts: %1</translation>
    </message>
    <message>
        <source>Laatste synchronisatie: %1</source>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <source>%1 minuten</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>%1 uur</source>
        <translation>%1 hours</translation>
    </message>
    <message>
        <source>%1 dagen</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>Nog nooit gesynchroniseerd</source>
        <translation>Never synchronised</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <source>Nu &amp;synchroniseren</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <source>Verstuur wat wacht en haal op wat nieuw is (F9)</source>
        <translation>Send what is waiting and fetch what is new (F9)</translation>
    </message>
    <message>
        <source>&amp;Inschrijven bij de server...</source>
        <translation>&amp;Enrol with the server...</translation>
    </message>
    <message>
        <source>&amp;Conflicten bekijken...</source>
        <translation>View &amp;conflicts...</translation>
    </message>
    <message>
        <source>S&amp;ynchronisatie</source>
        <translation>S&amp;ync</translation>
    </message>
    <message>
        <source>Synchroniseren</source>
        <translation>Synchronising</translation>
    </message>
    <message>
        <source>Verbinden met de server...</source>
        <translation>Connecting to the server...</translation>
    </message>
    <message>
        <source>&amp;Stoppen</source>
        <translation>&amp;Stop</translation>
    </message>
    <message>
        <source>Ingeschreven voor %1. Wat op deze pc staat, wordt nu verstuurd.</source>
        <translation>Enrolled for %1. What is on this PC is being sent now.</translation>
    </message>
    <message>
        <source>Er zijn geen conflicten te bekijken.</source>
        <translation>There are no conflicts to review.</translation>
    </message>
    <message>
        <source>Versturen: %1 van %2</source>
        <translation>Sending: %1 of %2</translation>
    </message>
    <message>
        <source>Ontvangen: %1</source>
        <translation>Received: %1</translation>
    </message>
    <message>
        <source>Een sessie werd op twee pc&apos;s tegelijk aangepast. Kies welke versie klopt: menu Synchronisatie &gt; Conflicten bekijken.</source>
        <translation>A session was changed on two PCs at the same time. Choose the right version: menu Sync &gt; View conflicts.</translation>
    </message>
</context>
<context>
    <name>VisitorCard</name>
    <message>
        <source>Digipunt - uw bezoekerscode</source>
        <translation>Digipunt - your visitor code</translation>
    </message>
    <message>
        <source>Toon deze kaart bij uw volgende bezoek.</source>
        <translation>Show this card at your next visit.</translation>
    </message>
    <message>
        <source>Er staat geen naam of adres op.</source>
        <translation>It carries no name or address.</translation>
    </message>
</context>
<context>
    <name>VisitorCardDialog</name>
    <message>
        <source>De kaart is naar de printer gestuurd.</source>
        <translation>The card was sent to the printer.</translation>
    </message>
    <message>
        <source>De kaart werd niet afgedrukt: de printer kon niet starten. Kies een andere printer of bewaar de kaart als PDF.</source>
        <translation>The card was not printed: the printer could not start. Choose another printer or save the card as a PDF.</translation>
    </message>
    <message>
        <source>Kaart bewaren als PDF</source>
        <translation>Save card as PDF</translation>
    </message>
    <message>
        <source>PDF-bestand (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>De kaart werd niet bewaard: {file} kan niet geschreven worden. Kies een andere map.</source>
        <translation>The card was not saved: {file} cannot be written. Choose another folder.</translation>
    </message>
    <message>
        <source>Bewaard als {file}</source>
        <translation>Saved as {file}</translation>
    </message>
    <message>
        <source>Nieuwe bezoekerscode</source>
        <translation>New visitor code</translation>
    </message>
    <message>
        <source>De nieuwe code is {code}. Geef de bezoeker deze kaart mee.</source>
        <translation>The new code is {code}. Give this card to the visitor.</translation>
    </message>
    <message>
        <source>Voorbeeld van de kaart met code {code}</source>
        <translation>Preview of the card with code {code}</translation>
    </message>
    <message>
        <source>&amp;Afdrukken</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>Bewaren als &amp;PDF</source>
        <translation>Save as P&amp;DF</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>_AboutMenuEntry</name>
    <message>
        <source>&amp;Over Digipunt</source>
        <translation>&amp;About Digipunt</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Binnengelopen</source>
        <translation>Walk-in</translation>
    </message>
    <message>
        <source>Op afspraak</source>
        <translation>By appointment</translation>
    </message>
    <message>
        <source>Telefonisch</source>
        <translation>By phone</translation>
    </message>
    <message>
        <source>Huisbezoek</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Bezoeker loste het zelf op</source>
        <translation>Visitor solved it themselves</translation>
    </message>
    <message>
        <source>Samen opgelost</source>
        <translation>Solved together</translation>
    </message>
    <message>
        <source>Deels opgelost, opvolging nodig</source>
        <translation>Partly solved, follow-up needed</translation>
    </message>
    <message>
        <source>Niet opgelost</source>
        <translation>Not solved</translation>
    </message>
    <message>
        <source>OCMW / sociaal huis</source>
        <translation>Public social welfare centre (OCMW)</translation>
    </message>
    <message>
        <source>Burgerzaken</source>
        <translation>Civil affairs</translation>
    </message>
    <message>
        <source>FOD Financiën</source>
        <translation>FPS Finance</translation>
    </message>
    <message>
        <source>Pensioendienst</source>
        <translation>Pension service</translation>
    </message>
    <message>
        <source>Ziekenfonds</source>
        <translation>Health insurance fund</translation>
    </message>
    <message>
        <source>VDAB</source>
        <translation>VDAB (employment service)</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>Telecomoperator</source>
        <translation>Telecom operator</translation>
    </message>
    <message>
        <source>Cursus</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>Uitleen van toestellen</source>
        <translation>Device loan</translation>
    </message>
    <message>
        <source>CAW</source>
        <translation>CAW (general social work)</translation>
    </message>
    <message>
        <source>Politie</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>Andere dienst</source>
        <translation>Other service</translation>
    </message>
    <message>
        <source>Jonger dan 18</source>
        <translation>Under 18</translation>
    </message>
    <message>
        <source>18 tot 24 jaar</source>
        <translation>18 to 24</translation>
    </message>
    <message>
        <source>25 tot 34 jaar</source>
        <translation>25 to 34</translation>
    </message>
    <message>
        <source>35 tot 54 jaar</source>
        <translation>35 to 54</translation>
    </message>
    <message>
        <source>55 tot 64 jaar</source>
        <translation>55 to 64</translation>
    </message>
    <message>
        <source>65 tot 74 jaar</source>
        <translation>65 to 74</translation>
    </message>
    <message>
        <source>75 jaar of ouder</source>
        <translation>75 or older</translation>
    </message>
    <message>
        <source>Leeftijd onbekend</source>
        <translation>Age unknown</translation>
    </message>
    <message>
        <source>Werkzoekend</source>
        <translation>Job seeker</translation>
    </message>
    <message>
        <source>Senior</source>
        <translation>Senior</translation>
    </message>
    <message>
        <source>Laag inkomen</source>
        <translation>Low income</translation>
    </message>
    <message>
        <source>Andere moedertaal</source>
        <translation>Other mother tongue</translation>
    </message>
    <message>
        <source>Weinig scholing</source>
        <translation>Little schooling</translation>
    </message>
    <message>
        <source>Woont alleen</source>
        <translation>Lives alone</translation>
    </message>
    <message>
        <source>Nederlands</source>
        <translation>Dutch</translation>
    </message>
    <message>
        <source>Frans</source>
        <translation>French</translation>
    </message>
    <message>
        <source>Engels</source>
        <translation>English</translation>
    </message>
    <message>
        <source>Andere taal</source>
        <translation>Other language</translation>
    </message>
    <message>
        <source>Ja, eerste bezoek</source>
        <translation>Yes, first visit</translation>
    </message>
    <message>
        <source>Nee, kwam al eerder</source>
        <translation>No, came before</translation>
    </message>
    <message>
        <source>Weet niet</source>
        <translation>Don&apos;t know</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Sessies per week</source>
        <translation>Sessions per week</translation>
    </message>
    <message>
        <source>Sessies per maand</source>
        <translation>Sessions per month</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Uitkomst</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Doorverwijzingen</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Doelgroepen</source>
        <translation>Target groups</translation>
    </message>
    <message>
        <source>Uren per helper</source>
        <translation>Hours per helper</translation>
    </message>
    <message>
        <source>Sessies per digibank</source>
        <translation>Sessions per digibank</translation>
    </message>
    <message>
        <source>Sessies per digipunt</source>
        <translation>Sessions per digipunt</translation>
    </message>
    <message>
        <source>Sessies per gemeente</source>
        <translation>Sessions per municipality</translation>
    </message>
    <message>
        <source>Uren hulp per digipunt</source>
        <translation>Hours of help per digipunt</translation>
    </message>
    <message>
        <source>Unieke volwassenen per digipunt</source>
        <translation>Unique adults per digipunt</translation>
    </message>
    <message>
        <source>week %1 (%2)</source>
        <translation>week %1 (%2)</translation>
    </message>
</context>
</TS>
