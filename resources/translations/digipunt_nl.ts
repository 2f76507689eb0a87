<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_BE" sourcelanguage="nl_BE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Over Digipunt</source>
        <translation>Over Digipunt</translation>
    </message>
    <message>
        <source>Registreer elke digitale hulpvraag, ook zonder internet. De gegevens gaan naar de regionale coördinator zodra de pc online is.</source>
        <translation>Registreer elke digitale hulpvraag, ook zonder internet. De gegevens gaan naar de regionale coördinator zodra de pc online is.</translation>
    </message>
    <message>
        <source>&amp;Versie:</source>
        <translation>&amp;Versie:</translation>
    </message>
    <message>
        <source>&amp;Gegevensmap:</source>
        <translation>&amp;Gegevensmap:</translation>
    </message>
    <message>
        <source>&amp;Logbestanden:</source>
        <translation>&amp;Logbestanden:</translation>
    </message>
    <message>
        <source>&amp;Installatie:</source>
        <translation>&amp;Installatie:</translation>
    </message>
    <message>
        <source>Draagbaar: gegevens staan naast het programma</source>
        <translation>Draagbaar: gegevens staan naast het programma</translation>
    </message>
    <message>
        <source>Normaal: gegevens staan in het gebruikersprofiel</source>
        <translation>Normaal: gegevens staan in het gebruikersprofiel</translation>
    </message>
    <message>
        <source>Licentie:</source>
        <translation>Licentie:</translation>
    </message>
    <message>
        <source>&amp;Onderdelen:</source>
        <translation>&amp;Onderdelen:</translation>
    </message>
    <message>
        <source>Gegevensmap &amp;openen</source>
        <translation>Gegevensmap &amp;openen</translation>
    </message>
    <message>
        <source>&amp;Logmap openen</source>
        <translation>&amp;Logmap openen</translation>
    </message>
    <message>
        <source>&amp;Kopieer gegevens</source>
        <translation>&amp;Kopieer gegevens</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Sluiten</translation>
    </message>
    <message>
        <source>Versie</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Gegevensmap</source>
        <translation>Gegevensmap</translation>
    </message>
    <message>
        <source>Logbestanden</source>
        <translation>Logbestanden</translation>
    </message>
    <message>
        <source>Installatie</source>
        <translation>Installatie</translation>
    </message>
    <message>
        <source>Licentie</source>
        <translation>Licentie</translation>
    </message>
    <message>
        <source>Onderdelen</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <source>Gegevensmap openen</source>
        <translation>Gegevensmap openen</translation>
    </message>
    <message>
        <source>Logmap openen</source>
        <translation>Logmap openen</translation>
    </message>
    <message>
        <source>Kopieer gegevens</source>
        <translation>Kopieer gegevens</translation>
    </message>
</context>
<context>
    <name>BreakdownPanel</name>
    <message>
        <source>Omschrijving</source>
        <translation>Omschrijving</translation>
    </message>
    <message>
        <source>% van de sessies</source>
        <translation>% van de sessies</translation>
    </message>
    <message>
        <source>Tabel: %1</source>
        <translation>Tabel: %1</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Unieke volwassenen bereikt</source>
        <translation>Unieke volwassenen bereikt</translation>
    </message>
    <message>
        <source>met bezoekerscode (exact)</source>
        <translation>met bezoekerscode (exact)</translation>
    </message>
    <message>
        <source>geschat: eerste bezoek zonder code</source>
        <translation>geschat: eerste bezoek zonder code</translation>
    </message>
    <message>
        <source>geschat</source>
        <translation>geschat</translation>
    </message>
    <message>
        <source>Overige</source>
        <translation>Overige</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Geen gegevens in deze periode</source>
        <translation>Geen gegevens in deze periode</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Begin</source>
        <translation>Begin</translation>
    </message>
    <message>
        <source>Duur (min)</source>
        <translation>Duur (min)</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Diensten</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Doorverwezen naar</source>
        <translation>Doorverwezen naar</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Kanaal</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <source>18+ bevestigd</source>
        <translation>18+ bevestigd</translation>
    </message>
    <message>
        <source>Eerste bezoek</source>
        <translation>Eerste bezoek</translation>
    </message>
    <message>
        <source>Taal</source>
        <translation>Taal</translation>
    </message>
    <message>
        <source>Bezoekerscode</source>
        <translation>Bezoekerscode</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>Notities</source>
        <translation>Notities</translation>
    </message>
    <message>
        <source>Verwijderd</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>Twee versies van dezelfde sessie</source>
        <translation>Twee versies van dezelfde sessie</translation>
    </message>
    <message>
        <source>Deze sessie werd op twee pc's tegelijk aangepast. De lijst toont nu de versie van de server. Uw versie is bewaard. Rijen met ≠ verschillen. Welke versie klopt?</source>
        <translation>Deze sessie werd op twee pc's tegelijk aangepast. De lijst toont nu de versie van de server. Uw versie is bewaard. Rijen met ≠ verschillen. Welke versie klopt?</translation>
    </message>
    <message>
        <source>Op deze pc (uw versie)</source>
        <translation>Op deze pc (uw versie)</translation>
    </message>
    <message>
        <source>Op de server</source>
        <translation>Op de server</translation>
    </message>
    <message>
        <source>Vergelijking van de twee versies</source>
        <translation>Vergelijking van de twee versies</translation>
    </message>
    <message>
        <source>(nog niet ontvangen)</source>
        <translation>(nog niet ontvangen)</translation>
    </message>
    <message>
        <source>Versie van de &amp;server houden</source>
        <translation>Versie van de &amp;server houden</translation>
    </message>
    <message>
        <source>&amp;Mijn versie houden</source>
        <translation>&amp;Mijn versie houden</translation>
    </message>
    <message>
        <source>&amp;Later beslissen</source>
        <translation>&amp;Later beslissen</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Rapport wordt geladen…</source>
        <translation>Rapport wordt geladen…</translation>
    </message>
    <message>
        <source>&amp;Vernieuwen</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Bezig met tellen…</source>
        <translation>Bezig met tellen…</translation>
    </message>
    <message>
        <source>Geannuleerd.</source>
        <translation>Geannuleerd.</translation>
    </message>
    <message>
        <source>Bezig met tellen… (%1 van %2)</source>
        <translation>Bezig met tellen… (%1 van %2)</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Inschrijven bij de server</source>
        <translation>Inschrijven bij de server</translation>
    </message>
    <message>
        <source>Vul het adres van de server en de inschrijvingscode in die u van de coördinator kreeg. Sessies die al op deze pc staan, blijven bewaard en worden mee verstuurd.</source>
        <translation>Vul het adres van de server en de inschrijvingscode in die u van de coördinator kreeg. Sessies die al op deze pc staan, blijven bewaard en worden mee verstuurd.</translation>
    </message>
    <message>
        <source>&amp;Serveradres:</source>
        <translation>&amp;Serveradres:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code:</translation>
    </message>
    <message>
        <source>Serveradres</source>
        <translation>Serveradres</translation>
    </message>
    <message>
        <source>Inschrijvingscode</source>
        <translation>Inschrijvingscode</translation>
    </message>
    <message>
        <source>&amp;Inschrijven</source>
        <translation>&amp;Inschrijven</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Bezig met inschrijven</source>
        <translation>Bezig met inschrijven</translation>
    </message>
    <message>
        <source>Vul het adres van de server in.</source>
        <translation>Vul het adres van de server in.</translation>
    </message>
    <message>
        <source>Vul de inschrijvingscode in.</source>
        <translation>Vul de inschrijvingscode in.</translation>
    </message>
    <message>
        <source>Inschrijven is niet gelukt: %1</source>
        <translation>Inschrijven is niet gelukt: %1</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>(niet ingevuld)</source>
        <translation>(niet ingevuld)</translation>
    </message>
    <message>
        <source>Kies minstens één dienst (toets 1 tot 9 of klik op een tegel).</source>
        <translation>Kies minstens één dienst (toets 1 tot 9 of klik op een tegel).</translation>
    </message>
    <message>
        <source>Bewaren... even geduld, het gegevensbestand wordt nog nagekeken.</source>
        <translation>Bewaren... even geduld, het gegevensbestand wordt nog nagekeken.</translation>
    </message>
    <message>
        <source>✔ Wijziging bewaard: {services}</source>
        <translation>✔ Wijziging bewaard: {services}</translation>
    </message>
    <message>
        <source>✔ Bewaard: {services} ({time})</source>
        <translation>✔ Bewaard: {services} ({time})</translation>
    </message>
    <message>
        <source>⚠ Niet bewaard: {reason} Wat u invulde, staat er nog.</source>
        <translation>⚠ Niet bewaard: {reason} Wat u invulde, staat er nog.</translation>
    </message>
    <message>
        <source>⚠ Niet bewaard door een onverwachte fout ({error}). Wat u invulde, staat er nog.</source>
        <translation>⚠ Niet bewaard door een onverwachte fout ({error}). Wat u invulde, staat er nog.</translation>
    </message>
    <message>
        <source>De notitie is {n} tekens lang; maximaal {max}.</source>
        <translation>De notitie is {n} tekens lang; maximaal {max}.</translation>
    </message>
    <message>
        <source>⚠ Zo kan dit niet bewaard worden:</source>
        <translation>⚠ Zo kan dit niet bewaard worden:</translation>
    </message>
    <message>
        <source>Waarmee werd geholpen? (toets 1 tot 9)</source>
        <translation>Waarmee werd geholpen? (toets 1 tot 9)</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Resultaat: {x}</source>
        <translation>Resultaat: {x}</translation>
    </message>
    <message>
        <source>Gegevens</source>
        <translation>Gegevens</translation>
    </message>
    <message>
        <source>&amp;Vrijwilliger:</source>
        <translation>&amp;Vrijwilliger:</translation>
    </message>
    <message>
        <source>&amp;Datum en uur:</source>
        <translation>&amp;Datum en uur:</translation>
    </message>
    <message>
        <source>D&amp;uur (minuten):</source>
        <translation>D&amp;uur (minuten):</translation>
    </message>
    <message>
        <source>Hoe &amp;kwam de vraag binnen:</source>
        <translation>Hoe &amp;kwam de vraag binnen:</translation>
    </message>
    <message>
        <source>&amp;Leeftijd:</source>
        <translation>&amp;Leeftijd:</translation>
    </message>
    <message>
        <source>&amp;Eerste bezoek:</source>
        <translation>&amp;Eerste bezoek:</translation>
    </message>
    <message>
        <source>&amp;Taal van het gesprek:</source>
        <translation>&amp;Taal van het gesprek:</translation>
    </message>
    <message>
        <source>&amp;Bezoekerscode (niet verplicht):</source>
        <translation>&amp;Bezoekerscode (niet verplicht):</translation>
    </message>
    <message>
        <source>&amp;Postcode woonplaats (niet verplicht):</source>
        <translation>&amp;Postcode woonplaats (niet verplicht):</translation>
    </message>
    <message>
        <source>Vrijwilliger</source>
        <translation>Vrijwilliger</translation>
    </message>
    <message>
        <source>Datum en uur</source>
        <translation>Datum en uur</translation>
    </message>
    <message>
        <source>Duur in minuten</source>
        <translation>Duur in minuten</translation>
    </message>
    <message>
        <source>Hoe kwam de vraag binnen</source>
        <translation>Hoe kwam de vraag binnen</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <source>Bezoeker is 18 jaar of ouder</source>
        <translation>Bezoeker is 18 jaar of ouder</translation>
    </message>
    <message>
        <source>Eerste bezoek</source>
        <translation>Eerste bezoek</translation>
    </message>
    <message>
        <source>Taal van het gesprek</source>
        <translation>Taal van het gesprek</translation>
    </message>
    <message>
        <source>Met tolk</source>
        <translation>Met tolk</translation>
    </message>
    <message>
        <source>Bezoekerscode</source>
        <translation>Bezoekerscode</translation>
    </message>
    <message>
        <source>Nieuwe bezoekerscode maken en kaart afdrukken</source>
        <translation>Nieuwe bezoekerscode maken en kaart afdrukken</translation>
    </message>
    <message>
        <source>Postcode woonplaats</source>
        <translation>Postcode woonplaats</translation>
    </message>
    <message>
        <source>Notities</source>
        <translation>Notities</translation>
    </message>
    <message>
        <source>Bezoeker is &amp;18 jaar of ouder</source>
        <translation>Bezoeker is &amp;18 jaar of ouder</translation>
    </message>
    <message>
        <source>Nieu&amp;we code...</source>
        <translation>Nieu&amp;we code...</translation>
    </message>
    <message>
        <source>bv. 7K3M-Q9XD-4</source>
        <translation>bv. 7K3M-Q9XD-4</translation>
    </message>
    <message>
        <source>bv. 9000</source>
        <translation>bv. 9000</translation>
    </message>
    <message>
        <source>Doelgroep (niet verplicht)</source>
        <translation>Doelgroep (niet verplicht)</translation>
    </message>
    <message>
        <source>Doelgroep: {x}</source>
        <translation>Doelgroep: {x}</translation>
    </message>
    <message>
        <source>Doorverwezen naar (niet verplicht)</source>
        <translation>Doorverwezen naar (niet verplicht)</translation>
    </message>
    <message>
        <source>Doorverwezen naar: {x}</source>
        <translation>Doorverwezen naar: {x}</translation>
    </message>
    <message>
        <source>&amp;Notitie (geen namen, rijksregisternummers, e-mail, telefoon- of rekeningnummers):</source>
        <translation>&amp;Notitie (geen namen, rijksregisternummers, e-mail, telefoon- of rekeningnummers):</translation>
    </message>
    <message>
        <source>Formulier leegmaken</source>
        <translation>Formulier leegmaken</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Diensten</translation>
    </message>
    <message>
        <source>Wijziging &amp;opslaan (Enter)</source>
        <translation>Wijziging &amp;opslaan (Enter)</translation>
    </message>
    <message>
        <source>&amp;Annuleren (Esc)</source>
        <translation>&amp;Annuleren (Esc)</translation>
    </message>
    <message>
        <source>&amp;Opslaan &amp;&amp; nieuw (Enter)</source>
        <translation>&amp;Opslaan &amp;&amp; nieuw (Enter)</translation>
    </message>
    <message>
        <source>Leeg&amp;maken (Esc)</source>
        <translation>Leeg&amp;maken (Esc)</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <source>E&amp;xporteren</source>
        <translation>E&amp;xporteren</translation>
    </message>
    <message>
        <source>Rapport exporteren</source>
        <translation>Rapport exporteren</translation>
    </message>
    <message>
        <source>Maandrapport als PDF…</source>
        <translation>Maandrapport als PDF…</translation>
    </message>
    <message>
        <source>Tabellen als Excel (XLSX)…</source>
        <translation>Tabellen als Excel (XLSX)…</translation>
    </message>
    <message>
        <source>Tabellen als CSV…</source>
        <translation>Tabellen als CSV…</translation>
    </message>
</context>
<context>
    <name>HelpersPage</name>
    <message>
        <source>{name} (niet meer actief)</source>
        <translation>{name} (niet meer actief)</translation>
    </message>
    <message>
        <source>Typ eerst een naam.</source>
        <translation>Typ eerst een naam.</translation>
    </message>
    <message>
        <source>{name} is toegevoegd.</source>
        <translation>{name} is toegevoegd.</translation>
    </message>
    <message>
        <source>Kies een vrijwilliger in de lijst en typ de nieuwe naam.</source>
        <translation>Kies een vrijwilliger in de lijst en typ de nieuwe naam.</translation>
    </message>
    <message>
        <source>{old} heet nu {new}.</source>
        <translation>{old} heet nu {new}.</translation>
    </message>
    <message>
        <source>Kies eerst een vrijwilliger in de lijst.</source>
        <translation>Kies eerst een vrijwilliger in de lijst.</translation>
    </message>
    <message>
        <source>{name} is weer actief.</source>
        <translation>{name} is weer actief.</translation>
    </message>
    <message>
        <source>{name} is niet meer actief.</source>
        <translation>{name} is niet meer actief.</translation>
    </message>
    <message>
        <source>Weer a&amp;ctief maken</source>
        <translation>Weer a&amp;ctief maken</translation>
    </message>
    <message>
        <source>Niet meer a&amp;ctief</source>
        <translation>Niet meer a&amp;ctief</translation>
    </message>
    <message>
        <source>Vrijwilligers worden met een voornaam of bijnaam bewaard. Wie niet meer meehelpt, zet u op "niet meer actief": de oude sessies blijven bewaard.</source>
        <translation>Vrijwilligers worden met een voornaam of bijnaam bewaard. Wie niet meer meehelpt, zet u op "niet meer actief": de oude sessies blijven bewaard.</translation>
    </message>
    <message>
        <source>&amp;Vrijwilligers:</source>
        <translation>&amp;Vrijwilligers:</translation>
    </message>
    <message>
        <source>Lijst van vrijwilligers</source>
        <translation>Lijst van vrijwilligers</translation>
    </message>
    <message>
        <source>&amp;Naam:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <source>Naam van de vrijwilliger</source>
        <translation>Naam van de vrijwilliger</translation>
    </message>
    <message>
        <source>voornaam of bijnaam</source>
        <translation>voornaam of bijnaam</translation>
    </message>
    <message>
        <source>&amp;Toevoegen</source>
        <translation>&amp;Toevoegen</translation>
    </message>
    <message>
        <source>Naam &amp;wijzigen</source>
        <translation>Naam &amp;wijzigen</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Melding</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Registreren</source>
        <translation>&amp;Registreren</translation>
    </message>
    <message>
        <source>Over&amp;zicht</source>
        <translation>Over&amp;zicht</translation>
    </message>
    <message>
        <source>Vrijwilli&amp;gers</source>
        <translation>Vrijwilli&amp;gers</translation>
    </message>
    <message>
        <source>In&amp;stellingen</source>
        <translation>In&amp;stellingen</translation>
    </message>
    <message>
        <source>De gegevens worden geopend...</source>
        <translation>De gegevens worden geopend...</translation>
    </message>
    <message>
        <source>Het gegevensbestand wordt nagekeken...</source>
        <translation>Het gegevensbestand wordt nagekeken...</translation>
    </message>
    <message>
        <source>Wat u sinds het opstarten invulde of bewaarde, is niet verloren.</source>
        <translation>Wat u sinds het opstarten invulde of bewaarde, is niet verloren.</translation>
    </message>
    <message>
        <source>⚠ De gegevens konden niet geopend worden: {reason}</source>
        <translation>⚠ De gegevens konden niet geopend worden: {reason}</translation>
    </message>
    <message>
        <source>Digipunt - hulpsessies registreren</source>
        <translation>Digipunt - hulpsessies registreren</translation>
    </message>
    <message>
        <source>Onderdelen</source>
        <translation>Onderdelen</translation>
    </message>
    <message>
        <source>Best&amp;and</source>
        <translation>Best&amp;and</translation>
    </message>
    <message>
        <source>S&amp;ynchronisatie</source>
        <translation>S&amp;ynchronisatie</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>Werkbalk</source>
        <translation>Werkbalk</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Melding sluiten</source>
        <translation>Melding sluiten</translation>
    </message>
    <message>
        <source>Statusbalk</source>
        <translation>Statusbalk</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Deze week</source>
        <translation>Deze week</translation>
    </message>
    <message>
        <source>Deze maand</source>
        <translation>Deze maand</translation>
    </message>
    <message>
        <source>Vorige maand</source>
        <translation>Vorige maand</translation>
    </message>
    <message>
        <source>Dit jaar</source>
        <translation>Dit jaar</translation>
    </message>
    <message>
        <source>Zelf kiezen…</source>
        <translation>Zelf kiezen…</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>&amp;Periode:</translation>
    </message>
    <message>
        <source>tot en met</source>
        <translation>tot en met</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Van (datum)</source>
        <translation>Van (datum)</translation>
    </message>
    <message>
        <source>Tot en met (datum)</source>
        <translation>Tot en met (datum)</translation>
    </message>
</context>
<context>
    <name>RegionalTab</name>
    <message>
        <source>Voor de coördinator: de cijfers van de hele regio of van uw digibank, van de server. Vul uw coördinatortoken in; het wordt niet bewaard.</source>
        <translation>Voor de coördinator: de cijfers van de hele regio of van uw digibank, van de server. Vul uw coördinatortoken in; het wordt niet bewaard.</translation>
    </message>
    <message>
        <source>&amp;Serveradres:</source>
        <translation>&amp;Serveradres:</translation>
    </message>
    <message>
        <source>Coördinator&amp;token:</source>
        <translation>Coördinator&amp;token:</translation>
    </message>
    <message>
        <source>Serveradres</source>
        <translation>Serveradres</translation>
    </message>
    <message>
        <source>Coördinatortoken</source>
        <translation>Coördinatortoken</translation>
    </message>
    <message>
        <source>&amp;Ophalen</source>
        <translation>&amp;Ophalen</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Vul het serveradres en uw coördinatortoken in.</source>
        <translation>Vul het serveradres en uw coördinatortoken in.</translation>
    </message>
    <message>
        <source>Bezig met ophalen…</source>
        <translation>Bezig met ophalen…</translation>
    </message>
    <message>
        <source>Geannuleerd.</source>
        <translation>Geannuleerd.</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <source>Rapport opslaan</source>
        <translation>Rapport opslaan</translation>
    </message>
    <message>
        <source>Rapport maken…</source>
        <translation>Rapport maken…</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>Exporteren</source>
        <translation>Exporteren</translation>
    </message>
    <message>
        <source>Opgeslagen: %1</source>
        <translation>Opgeslagen: %1</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Sessies</source>
        <translation>Sessies</translation>
    </message>
    <message>
        <source>Uren hulp</source>
        <translation>Uren hulp</translation>
    </message>
    <message>
        <source>Unieke volwassenen bereikt</source>
        <translation>Unieke volwassenen bereikt</translation>
    </message>
    <message>
        <source>Bereik tegenover de financieringsdrempels</source>
        <translation>Bereik tegenover de financieringsdrempels</translation>
    </message>
    <message>
        <source>%1 tot en met %2</source>
        <translation>%1 tot en met %2</translation>
    </message>
    <message>
        <source>%1: %2 unieke volwassenen, waarvan %3 met bezoekerscode (exact) en %4 geschat (eerste bezoek zonder code).</source>
        <translation>%1: %2 unieke volwassenen, waarvan %3 met bezoekerscode (exact) en %4 geschat (eerste bezoek zonder code).</translation>
    </message>
    <message>
        <source>Alle drempels gehaald.</source>
        <translation>Alle drempels gehaald.</translation>
    </message>
    <message>
        <source>Nog %1 tot de drempel van %2.</source>
        <translation>Nog %1 tot de drempel van %2.</translation>
    </message>
    <message>
        <source>Uren</source>
        <translation>Uren</translation>
    </message>
    <message>
        <source>Volwassenen</source>
        <translation>Volwassenen</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Dit &amp;digipunt</source>
        <translation>Dit &amp;digipunt</translation>
    </message>
    <message>
        <source>Re&amp;gio (coördinator)</source>
        <translation>Re&amp;gio (coördinator)</translation>
    </message>
    <message>
        <source>Rapporten</source>
        <translation>Rapporten</translation>
    </message>
    <message>
        <source>Ra&amp;pporten</source>
        <translation>Ra&amp;pporten</translation>
    </message>
</context>
<context>
    <name>ServiceTiles</name>
    <message>
        <source>gekozen</source>
        <translation>gekozen</translation>
    </message>
    <message>
        <source>niet gekozen</source>
        <translation>niet gekozen</translation>
    </message>
    <message>
        <source>Dienst {n}: {label}</source>
        <translation>Dienst {n}: {label}</translation>
    </message>
    <message>
        <source>Toets {n} kiest of schrapt deze dienst</source>
        <translation>Toets {n} kiest of schrapt deze dienst</translation>
    </message>
    <message>
        <source>Dienst: {label}</source>
        <translation>Dienst: {label}</translation>
    </message>
    <message>
        <source>Kies een andere dienst...</source>
        <translation>Kies een andere dienst...</translation>
    </message>
    <message>
        <source>Andere d&amp;ienst:</source>
        <translation>Andere d&amp;ienst:</translation>
    </message>
    <message>
        <source>Andere dienst kiezen</source>
        <translation>Andere dienst kiezen</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Diensten</translation>
    </message>
</context>
<context>
    <name>SessionList</name>
    <message>
        <source>Alle diensten</source>
        <translation>Alle diensten</translation>
    </message>
    <message>
        <source>Alle vrijwilligers</source>
        <translation>Alle vrijwilligers</translation>
    </message>
    <message>
        <source>Geen sessies gevonden.</source>
        <translation>Geen sessies gevonden.</translation>
    </message>
    <message>
        <source>Nog geen sessies. Registreer er een bij "Registreren".</source>
        <translation>Nog geen sessies. Registreer er een bij "Registreren".</translation>
    </message>
    <message>
        <source>1 sessie</source>
        <translation>1 sessie</translation>
    </message>
    <message>
        <source>{n} sessies</source>
        <translation>{n} sessies</translation>
    </message>
    <message>
        <source>Sessie verwijderd: {what}. Per ongeluk? Klik op "Ongedaan maken" of druk Ctrl+Z.</source>
        <translation>Sessie verwijderd: {what}. Per ongeluk? Klik op "Ongedaan maken" of druk Ctrl+Z.</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>&amp;Periode:</translation>
    </message>
    <message>
        <source>&amp;Dienst:</source>
        <translation>&amp;Dienst:</translation>
    </message>
    <message>
        <source>&amp;Vrijwilliger:</source>
        <translation>&amp;Vrijwilliger:</translation>
    </message>
    <message>
        <source>&amp;Resultaat:</source>
        <translation>&amp;Resultaat:</translation>
    </message>
    <message>
        <source>&amp;Zoeken in notities:</source>
        <translation>&amp;Zoeken in notities:</translation>
    </message>
    <message>
        <source>Alles</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Vandaag</source>
        <translation>Vandaag</translation>
    </message>
    <message>
        <source>Deze week</source>
        <translation>Deze week</translation>
    </message>
    <message>
        <source>Deze maand</source>
        <translation>Deze maand</translation>
    </message>
    <message>
        <source>Vorige maand</source>
        <translation>Vorige maand</translation>
    </message>
    <message>
        <source>Dit jaar</source>
        <translation>Dit jaar</translation>
    </message>
    <message>
        <source>Alle resultaten</source>
        <translation>Alle resultaten</translation>
    </message>
    <message>
        <source>woord uit de notitie</source>
        <translation>woord uit de notitie</translation>
    </message>
    <message>
        <source>Lijst van sessies</source>
        <translation>Lijst van sessies</translation>
    </message>
    <message>
        <source>Kolomtitels (klik om te sorteren)</source>
        <translation>Kolomtitels (klik om te sorteren)</translation>
    </message>
    <message>
        <source>&amp;Openen en verbeteren (Enter)</source>
        <translation>&amp;Openen en verbeteren (Enter)</translation>
    </message>
    <message>
        <source>Ver&amp;wijderen (Delete)</source>
        <translation>Ver&amp;wijderen (Delete)</translation>
    </message>
    <message>
        <source>On&amp;gedaan maken (Ctrl+Z)</source>
        <translation>On&amp;gedaan maken (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Ongedaan maken</translation>
    </message>
    <message>
        <source>Verwijderen</source>
        <translation>Verwijderen</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Klik om op deze kolom te sorteren</source>
        <translation>Klik om op deze kolom te sorteren</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Diensten</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Resultaat</translation>
    </message>
    <message>
        <source>Duur</source>
        <translation>Duur</translation>
    </message>
    <message>
        <source>Vrijwilliger</source>
        <translation>Vrijwilliger</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Kanaal</translation>
    </message>
    <message>
        <source>Notitie</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <source>Synchronisatie</source>
        <translation>Synchronisatie</translation>
    </message>
    <message>
        <source>nog te versturen</source>
        <translation>nog te versturen</translation>
    </message>
    <message>
        <source>verstuurd</source>
        <translation>verstuurd</translation>
    </message>
    <message>
        <source>(verwijderd) </source>
        <translation>(verwijderd) </translation>
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
        <translation>&amp;Taal / Langue / Language:</translation>
    </message>
    <message>
        <source>Taal van het programma</source>
        <translation>Taal van het programma</translation>
    </message>
    <message>
        <source>Te&amp;kstgrootte:</source>
        <translation>Te&amp;kstgrootte:</translation>
    </message>
    <message>
        <source>Tekstgrootte</source>
        <translation>Tekstgrootte</translation>
    </message>
    <message>
        <source>Wijzigingen gelden meteen en blijven bewaard. Vindt u de letters te klein? Kies 150% of 200%.</source>
        <translation>Wijzigingen gelden meteen en blijven bewaard. Vindt u de letters te klein? Kies 150% of 200%.</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Synchronisatiestatus</source>
        <translation>Synchronisatiestatus</translation>
    </message>
    <message>
        <source>Synchronisatie: even geduld...</source>
        <translation>Synchronisatie: even geduld...</translation>
    </message>
    <message>
        <source>○ Niet ingeschreven (alles blijft op deze pc)</source>
        <translation>○ Niet ingeschreven (alles blijft op deze pc)</translation>
    </message>
    <message>
        <source>⛔ Toegang ingetrokken: vraag een nieuwe code</source>
        <translation>⛔ Toegang ingetrokken: vraag een nieuwe code</translation>
    </message>
    <message>
        <source>⟳ Bezig met synchroniseren...</source>
        <translation>⟳ Bezig met synchroniseren...</translation>
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
        <translation>%1 wachtend</translation>
    </message>
    <message>
        <source>⚠ De klok van deze pc loopt %1 achter</source>
        <translation>⚠ De klok van deze pc loopt %1 achter</translation>
    </message>
    <message>
        <source>⚠ De klok van deze pc loopt %1 voor</source>
        <translation>⚠ De klok van deze pc loopt %1 voor</translation>
    </message>
    <message>
        <source>⚠ Conflicten bekijken: %1</source>
        <translation>⚠ Conflicten bekijken: %1</translation>
    </message>
    <message>
        <source>Laatste synchronisatie: %1</source>
        <translation>Laatste synchronisatie: %1</translation>
    </message>
    <message>
        <source>%1 minuten</source>
        <translation>%1 minuten</translation>
    </message>
    <message>
        <source>%1 uur</source>
        <translation>%1 uur</translation>
    </message>
    <message>
        <source>%1 dagen</source>
        <translation>%1 dagen</translation>
    </message>
    <message>
        <source>Nog nooit gesynchroniseerd</source>
        <translation>Nog nooit gesynchroniseerd</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <source>Nu &amp;synchroniseren</source>
        <translation>Nu &amp;synchroniseren</translation>
    </message>
    <message>
        <source>Verstuur wat wacht en haal op wat nieuw is (F9)</source>
        <translation>Verstuur wat wacht en haal op wat nieuw is (F9)</translation>
    </message>
    <message>
        <source>&amp;Inschrijven bij de server...</source>
        <translation>&amp;Inschrijven bij de server...</translation>
    </message>
    <message>
        <source>&amp;Conflicten bekijken...</source>
        <translation>&amp;Conflicten bekijken...</translation>
    </message>
    <message>
        <source>S&amp;ynchronisatie</source>
        <translation>S&amp;ynchronisatie</translation>
    </message>
    <message>
        <source>Synchroniseren</source>
        <translation>Synchroniseren</translation>
    </message>
    <message>
        <source>Verbinden met de server...</source>
        <translation>Verbinden met de server...</translation>
    </message>
    <message>
        <source>&amp;Stoppen</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Ingeschreven voor %1. Wat op deze pc staat, wordt nu verstuurd.</source>
        <translation>Ingeschreven voor %1. Wat op deze pc staat, wordt nu verstuurd.</translation>
    </message>
    <message>
        <source>Er zijn geen conflicten te bekijken.</source>
        <translation>Er zijn geen conflicten te bekijken.</translation>
    </message>
    <message>
        <source>Versturen: %1 van %2</source>
        <translation>Versturen: %1 van %2</translation>
    </message>
    <message>
        <source>Ontvangen: %1</source>
        <translation>Ontvangen: %1</translation>
    </message>
    <message>
        <source>Een sessie werd op twee pc's tegelijk aangepast. Kies welke versie klopt: menu Synchronisatie &gt; Conflicten bekijken.</source>
        <translation>Een sessie werd op twee pc's tegelijk aangepast. Kies welke versie klopt: menu Synchronisatie &gt; Conflicten bekijken.</translation>
    </message>
</context>
<context>
    <name>VisitorCard</name>
    <message>
        <source>Digipunt - uw bezoekerscode</source>
        <translation>Digipunt - uw bezoekerscode</translation>
    </message>
    <message>
        <source>Toon deze kaart bij uw volgende bezoek.</source>
        <translation>Toon deze kaart bij uw volgende bezoek.</translation>
    </message>
    <message>
        <source>Er staat geen naam of adres op.</source>
        <translation>Er staat geen naam of adres op.</translation>
    </message>
</context>
<context>
    <name>VisitorCardDialog</name>
    <message>
        <source>De kaart is naar de printer gestuurd.</source>
        <translation>De kaart is naar de printer gestuurd.</translation>
    </message>
    <message>
        <source>De kaart werd niet afgedrukt: de printer kon niet starten. Kies een andere printer of bewaar de kaart als PDF.</source>
        <translation>De kaart werd niet afgedrukt: de printer kon niet starten. Kies een andere printer of bewaar de kaart als PDF.</translation>
    </message>
    <message>
        <source>Kaart bewaren als PDF</source>
        <translation>Kaart bewaren als PDF</translation>
    </message>
    <message>
        <source>PDF-bestand (*.pdf)</source>
        <translation>PDF-bestand (*.pdf)</translation>
    </message>
    <message>
        <source>De kaart werd niet bewaard: {file} kan niet geschreven worden. Kies een andere map.</source>
        <translation>De kaart werd niet bewaard: {file} kan niet geschreven worden. Kies een andere map.</translation>
    </message>
    <message>
        <source>Bewaard als {file}</source>
        <translation>Bewaard als {file}</translation>
    </message>
    <message>
        <source>Nieuwe bezoekerscode</source>
        <translation>Nieuwe bezoekerscode</translation>
    </message>
    <message>
        <source>De nieuwe code is {code}. Geef de bezoeker deze kaart mee.</source>
        <translation>De nieuwe code is {code}. Geef de bezoeker deze kaart mee.</translation>
    </message>
    <message>
        <source>Voorbeeld van de kaart met code {code}</source>
        <translation>Voorbeeld van de kaart met code {code}</translation>
    </message>
    <message>
        <source>&amp;Afdrukken</source>
        <translation>&amp;Afdrukken</translation>
    </message>
    <message>
        <source>Bewaren als &amp;PDF</source>
        <translation>Bewaren als &amp;PDF</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Sluiten</translation>
    </message>
</context>
<context>
    <name>_AboutMenuEntry</name>
    <message>
        <source>&amp;Over Digipunt</source>
        <translation>&amp;Over Digipunt</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Binnengelopen</source>
        <translation>Binnengelopen</translation>
    </message>
    <message>
        <source>Op afspraak</source>
        <translation>Op afspraak</translation>
    </message>
    <message>
        <source>Telefonisch</source>
        <translation>Telefonisch</translation>
    </message>
    <message>
        <source>Huisbezoek</source>
        <translation>Huisbezoek</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Bezoeker loste het zelf op</source>
        <translation>Bezoeker loste het zelf op</translation>
    </message>
    <message>
        <source>Samen opgelost</source>
        <translation>Samen opgelost</translation>
    </message>
    <message>
        <source>Deels opgelost, opvolging nodig</source>
        <translation>Deels opgelost, opvolging nodig</translation>
    </message>
    <message>
        <source>Niet opgelost</source>
        <translation>Niet opgelost</translation>
    </message>
    <message>
        <source>OCMW / sociaal huis</source>
        <translation>OCMW / sociaal huis</translation>
    </message>
    <message>
        <source>Burgerzaken</source>
        <translation>Burgerzaken</translation>
    </message>
    <message>
        <source>FOD Financiën</source>
        <translation>FOD Financiën</translation>
    </message>
    <message>
        <source>Pensioendienst</source>
        <translation>Pensioendienst</translation>
    </message>
    <message>
        <source>Ziekenfonds</source>
        <translation>Ziekenfonds</translation>
    </message>
    <message>
        <source>VDAB</source>
        <translation>VDAB</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Bank</translation>
    </message>
    <message>
        <source>Telecomoperator</source>
        <translation>Telecomoperator</translation>
    </message>
    <message>
        <source>Cursus</source>
        <translation>Cursus</translation>
    </message>
    <message>
        <source>Uitleen van toestellen</source>
        <translation>Uitleen van toestellen</translation>
    </message>
    <message>
        <source>CAW</source>
        <translation>CAW</translation>
    </message>
    <message>
        <source>Politie</source>
        <translation>Politie</translation>
    </message>
    <message>
        <source>Andere dienst</source>
        <translation>Andere dienst</translation>
    </message>
    <message>
        <source>Jonger dan 18</source>
        <translation>Jonger dan 18</translation>
    </message>
    <message>
        <source>18 tot 24 jaar</source>
        <translation>18 tot 24 jaar</translation>
    </message>
    <message>
        <source>25 tot 34 jaar</source>
        <translation>25 tot 34 jaar</translation>
    </message>
    <message>
        <source>35 tot 54 jaar</source>
        <translation>35 tot 54 jaar</translation>
    </message>
    <message>
        <source>55 tot 64 jaar</source>
        <translation>55 tot 64 jaar</translation>
    </message>
    <message>
        <source>65 tot 74 jaar</source>
        <translation>65 tot 74 jaar</translation>
    </message>
    <message>
        <source>75 jaar of ouder</source>
        <translation>75 jaar of ouder</translation>
    </message>
    <message>
        <source>Leeftijd onbekend</source>
        <translation>Leeftijd onbekend</translation>
    </message>
    <message>
        <source>Werkzoekend</source>
        <translation>Werkzoekend</translation>
    </message>
    <message>
        <source>Senior</source>
        <translation>Senior</translation>
    </message>
    <message>
        <source>Laag inkomen</source>
        <translation>Laag inkomen</translation>
    </message>
    <message>
        <source>Andere moedertaal</source>
        <translation>Andere moedertaal</translation>
    </message>
    <message>
        <source>Weinig scholing</source>
        <translation>Weinig scholing</translation>
    </message>
    <message>
        <source>Woont alleen</source>
        <translation>Woont alleen</translation>
    </message>
    <message>
        <source>Nederlands</source>
        <translation>Nederlands</translation>
    </message>
    <message>
        <source>Frans</source>
        <translation>Frans</translation>
    </message>
    <message>
        <source>Engels</source>
        <translation>Engels</translation>
    </message>
    <message>
        <source>Andere taal</source>
        <translation>Andere taal</translation>
    </message>
    <message>
        <source>Ja, eerste bezoek</source>
        <translation>Ja, eerste bezoek</translation>
    </message>
    <message>
        <source>Nee, kwam al eerder</source>
        <translation>Nee, kwam al eerder</translation>
    </message>
    <message>
        <source>Weet niet</source>
        <translation>Weet niet</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Sessies per week</source>
        <translation>Sessies per week</translation>
    </message>
    <message>
        <source>Sessies per maand</source>
        <translation>Sessies per maand</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Diensten</translation>
    </message>
    <message>
        <source>Uitkomst</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <source>Doorverwijzingen</source>
        <translation>Doorverwijzingen</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Kanaal</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Leeftijd</translation>
    </message>
    <message>
        <source>Doelgroepen</source>
        <translation>Doelgroepen</translation>
    </message>
    <message>
        <source>Uren per helper</source>
        <translation>Uren per helper</translation>
    </message>
    <message>
        <source>Sessies per digibank</source>
        <translation>Sessies per digibank</translation>
    </message>
    <message>
        <source>Sessies per digipunt</source>
        <translation>Sessies per digipunt</translation>
    </message>
    <message>
        <source>Sessies per gemeente</source>
        <translation>Sessies per gemeente</translation>
    </message>
    <message>
        <source>Uren hulp per digipunt</source>
        <translation>Uren hulp per digipunt</translation>
    </message>
    <message>
        <source>Unieke volwassenen per digipunt</source>
        <translation>Unieke volwassenen per digipunt</translation>
    </message>
    <message>
        <source>week %1 (%2)</source>
        <translation>week %1 (%2)</translation>
    </message>
</context>
</TS>
