<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_BE" sourcelanguage="nl_BE">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Over Digipunt</source>
        <translation>À propos de Digipunt</translation>
    </message>
    <message>
        <source>Registreer elke digitale hulpvraag, ook zonder internet. De gegevens gaan naar de regionale coördinator zodra de pc online is.</source>
        <translation>Enregistrez chaque demande d&apos;aide numérique, même sans internet. Les données partent vers le coordinateur régional dès que le PC est en ligne.</translation>
    </message>
    <message>
        <source>&amp;Versie:</source>
        <translation>&amp;Version :</translation>
    </message>
    <message>
        <source>&amp;Gegevensmap:</source>
        <translation>Dossier des &amp;données :</translation>
    </message>
    <message>
        <source>&amp;Logbestanden:</source>
        <translation>&amp;Journaux :</translation>
    </message>
    <message>
        <source>&amp;Installatie:</source>
        <translation>&amp;Installation :</translation>
    </message>
    <message>
        <source>Draagbaar: gegevens staan naast het programma</source>
        <translation>Portable : les données sont à côté du programme</translation>
    </message>
    <message>
        <source>Normaal: gegevens staan in het gebruikersprofiel</source>
        <translation>Normale : les données sont dans le profil de l&apos;utilisateur</translation>
    </message>
    <message>
        <source>Licentie:</source>
        <translation>Licence :</translation>
    </message>
    <message>
        <source>&amp;Onderdelen:</source>
        <translation>&amp;Composants :</translation>
    </message>
    <message>
        <source>Gegevensmap &amp;openen</source>
        <translation>&amp;Ouvrir le dossier des données</translation>
    </message>
    <message>
        <source>&amp;Logmap openen</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
        <source>&amp;Kopieer gegevens</source>
        <translation>Co&amp;pier les informations</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Fermer</translation>
    </message>
    <message>
        <source>Versie</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Gegevensmap</source>
        <translation>Dossier des données</translation>
    </message>
    <message>
        <source>Logbestanden</source>
        <translation>Journaux</translation>
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
        <translation>Composants</translation>
    </message>
    <message>
        <source>Gegevensmap openen</source>
        <translation>Ouvrir le dossier des données</translation>
    </message>
    <message>
        <source>Logmap openen</source>
        <translation>Ouvrir le dossier des journaux</translation>
    </message>
    <message>
        <source>Kopieer gegevens</source>
        <translation>Copier les informations</translation>
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
        <translation>% des sessions</translation>
    </message>
    <message>
        <source>Tabel: %1</source>
        <translation>Tableau : %1</translation>
    </message>
</context>
<context>
    <name>ChartView</name>
    <message>
        <source>Unieke volwassenen bereikt</source>
        <translation>Adultes uniques atteints</translation>
    </message>
    <message>
        <source>met bezoekerscode (exact)</source>
        <translation>avec code visiteur (exact)</translation>
    </message>
    <message>
        <source>geschat: eerste bezoek zonder code</source>
        <translation>estimé : première visite sans code</translation>
    </message>
    <message>
        <source>geschat</source>
        <translation>estimés</translation>
    </message>
    <message>
        <source>Overige</source>
        <translation>Autres</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semaine</translation>
    </message>
    <message>
        <source>Geen gegevens in deze periode</source>
        <translation>Pas de données pour cette période</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Begin</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Duur (min)</source>
        <translation>Durée (min)</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Doorverwezen naar</source>
        <translation>Orienté vers</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>18+ bevestigd</source>
        <translation>18+ confirmé</translation>
    </message>
    <message>
        <source>Eerste bezoek</source>
        <translation>Première visite</translation>
    </message>
    <message>
        <source>Taal</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Bezoekerscode</source>
        <translation>Code visiteur</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Notities</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Verwijderd</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <source>ja</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>nee</source>
        <translation>non</translation>
    </message>
    <message>
        <source>Twee versies van dezelfde sessie</source>
        <translation>Deux versions de la même séance</translation>
    </message>
    <message>
        <source>Deze sessie werd op twee pc&apos;s tegelijk aangepast. De lijst toont nu de versie van de server. Uw versie is bewaard. Rijen met ≠ verschillen. Welke versie klopt?</source>
        <translation>Cette séance a été modifiée sur deux PC en même temps. La liste montre maintenant la version du serveur. Votre version est conservée. Les lignes avec ≠ diffèrent. Quelle version est correcte ?</translation>
    </message>
    <message>
        <source>Op deze pc (uw versie)</source>
        <translation>Sur ce PC (votre version)</translation>
    </message>
    <message>
        <source>Op de server</source>
        <translation>Sur le serveur</translation>
    </message>
    <message>
        <source>Vergelijking van de twee versies</source>
        <translation>Comparaison des deux versions</translation>
    </message>
    <message>
        <source>(nog niet ontvangen)</source>
        <translation>(pas encore reçue)</translation>
    </message>
    <message>
        <source>Versie van de &amp;server houden</source>
        <translation>Garder la version du &amp;serveur</translation>
    </message>
    <message>
        <source>&amp;Mijn versie houden</source>
        <translation>Garder &amp;ma version</translation>
    </message>
    <message>
        <source>&amp;Later beslissen</source>
        <translation>Décider &amp;plus tard</translation>
    </message>
</context>
<context>
    <name>DashboardTab</name>
    <message>
        <source>Rapport wordt geladen…</source>
        <translation>Chargement du rapport…</translation>
    </message>
    <message>
        <source>&amp;Vernieuwen</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Bezig met tellen…</source>
        <translation>Calcul en cours…</translation>
    </message>
    <message>
        <source>Geannuleerd.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Bezig met tellen… (%1 van %2)</source>
        <translation>Calcul en cours… (%1 sur %2)</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Inschrijven bij de server</source>
        <translation>Inscription auprès du serveur</translation>
    </message>
    <message>
        <source>Vul het adres van de server en de inschrijvingscode in die u van de coördinator kreeg. Sessies die al op deze pc staan, blijven bewaard en worden mee verstuurd.</source>
        <translation>Indiquez l&apos;adresse du serveur et le code d&apos;inscription reçus du coordinateur. Les séances déjà enregistrées sur ce PC sont conservées et seront envoyées aussi.</translation>
    </message>
    <message>
        <source>&amp;Serveradres:</source>
        <translation>Adresse du &amp;serveur :</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>&amp;Code :</translation>
    </message>
    <message>
        <source>Serveradres</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Inschrijvingscode</source>
        <translation>Code d&apos;inscription</translation>
    </message>
    <message>
        <source>&amp;Inschrijven</source>
        <translation>&amp;Inscrire</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Bezig met inschrijven</source>
        <translation>Inscription en cours</translation>
    </message>
    <message>
        <source>Vul het adres van de server in.</source>
        <translation>Indiquez l&apos;adresse du serveur.</translation>
    </message>
    <message>
        <source>Vul de inschrijvingscode in.</source>
        <translation>Indiquez le code d&apos;inscription.</translation>
    </message>
    <message>
        <source>Inschrijven is niet gelukt: %1</source>
        <translation>L&apos;inscription a échoué : %1</translation>
    </message>
</context>
<context>
    <name>EntryForm</name>
    <message>
        <source>(niet ingevuld)</source>
        <translation>(non indiqué)</translation>
    </message>
    <message>
        <source>Kies minstens één dienst (toets 1 tot 9 of klik op een tegel).</source>
        <translation>Choisissez au moins un service (touche 1 à 9 ou cliquez sur une tuile).</translation>
    </message>
    <message>
        <source>Bewaren... even geduld, het gegevensbestand wordt nog nagekeken.</source>
        <translation>Enregistrement... un instant, le fichier de données est encore en cours de vérification.</translation>
    </message>
    <message>
        <source>✔ Wijziging bewaard: {services}</source>
        <translation>✔ Modification enregistrée : {services}</translation>
    </message>
    <message>
        <source>✔ Bewaard: {services} ({time})</source>
        <translation>✔ Enregistré : {services} ({time})</translation>
    </message>
    <message>
        <source>⚠ Niet bewaard: {reason} Wat u invulde, staat er nog.</source>
        <translation>⚠ Pas enregistré : {reason} Ce que vous avez saisi est toujours là.</translation>
    </message>
    <message>
        <source>⚠ Niet bewaard door een onverwachte fout ({error}). Wat u invulde, staat er nog.</source>
        <translation>⚠ Pas enregistré à cause d&apos;une erreur inattendue ({error}). Ce que vous avez saisi est toujours là.</translation>
    </message>
    <message>
        <source>De notitie is {n} tekens lang; maximaal {max}.</source>
        <translation>La note compte {n} caractères ; maximum {max}.</translation>
    </message>
    <message>
        <source>⚠ Zo kan dit niet bewaard worden:</source>
        <translation>⚠ Impossible d&apos;enregistrer ainsi :</translation>
    </message>
    <message>
        <source>Waarmee werd geholpen? (toets 1 tot 9)</source>
        <translation>Pour quel service avez-vous aidé ? (touche 1 à 9)</translation>
    </message>
    <message>
        <source>Resultaat</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Resultaat: {x}</source>
        <translation>Résultat : {x}</translation>
    </message>
    <message>
        <source>Gegevens</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>&amp;Vrijwilliger:</source>
        <translation>&amp;Bénévole :</translation>
    </message>
    <message>
        <source>&amp;Datum en uur:</source>
        <translation>&amp;Date et heure :</translation>
    </message>
    <message>
        <source>D&amp;uur (minuten):</source>
        <translation>D&amp;urée (minutes) :</translation>
    </message>
    <message>
        <source>Hoe &amp;kwam de vraag binnen:</source>
        <translation>&amp;Comment la demande est arrivée :</translation>
    </message>
    <message>
        <source>&amp;Leeftijd:</source>
        <translation>Â&amp;ge :</translation>
    </message>
    <message>
        <source>&amp;Eerste bezoek:</source>
        <translation>Première &amp;visite :</translation>
    </message>
    <message>
        <source>&amp;Taal van het gesprek:</source>
        <translation>&amp;Langue de l&apos;entretien :</translation>
    </message>
    <message>
        <source>&amp;Bezoekerscode (niet verplicht):</source>
        <translation>Code visi&amp;teur (facultatif) :</translation>
    </message>
    <message>
        <source>&amp;Postcode woonplaats (niet verplicht):</source>
        <translation>Code &amp;postal du domicile (facultatif) :</translation>
    </message>
    <message>
        <source>Vrijwilliger</source>
        <translation>Bénévole</translation>
    </message>
    <message>
        <source>Datum en uur</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Duur in minuten</source>
        <translation>Durée en minutes</translation>
    </message>
    <message>
        <source>Hoe kwam de vraag binnen</source>
        <translation>Comment la demande est arrivée</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>Bezoeker is 18 jaar of ouder</source>
        <translation>Le visiteur a 18 ans ou plus</translation>
    </message>
    <message>
        <source>Eerste bezoek</source>
        <translation>Première visite</translation>
    </message>
    <message>
        <source>Taal van het gesprek</source>
        <translation>Langue de l&apos;entretien</translation>
    </message>
    <message>
        <source>Met tolk</source>
        <translation>Avec interprète</translation>
    </message>
    <message>
        <source>Bezoekerscode</source>
        <translation>Code visiteur</translation>
    </message>
    <message>
        <source>Nieuwe bezoekerscode maken en kaart afdrukken</source>
        <translation>Créer un nouveau code visiteur et imprimer la carte</translation>
    </message>
    <message>
        <source>Postcode woonplaats</source>
        <translation>Code postal du domicile</translation>
    </message>
    <message>
        <source>Notities</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Bezoeker is &amp;18 jaar of ouder</source>
        <translation>Le visiteur a &amp;18 ans ou plus</translation>
    </message>
    <message>
        <source>Nieu&amp;we code...</source>
        <translation>Nou&amp;veau code...</translation>
    </message>
    <message>
        <source>bv. 7K3M-Q9XD-4</source>
        <translation>p. ex. 7K3M-Q9XD-4</translation>
    </message>
    <message>
        <source>bv. 9000</source>
        <translation>p. ex. 1000</translation>
    </message>
    <message>
        <source>Doelgroep (niet verplicht)</source>
        <translation>Public cible (facultatif)</translation>
    </message>
    <message>
        <source>Doelgroep: {x}</source>
        <translation>Public cible : {x}</translation>
    </message>
    <message>
        <source>Doorverwezen naar (niet verplicht)</source>
        <translation>Orienté vers (facultatif)</translation>
    </message>
    <message>
        <source>Doorverwezen naar: {x}</source>
        <translation>Orienté vers : {x}</translation>
    </message>
    <message>
        <source>&amp;Notitie (geen namen, rijksregisternummers, e-mail, telefoon- of rekeningnummers):</source>
        <translation>&amp;Note (pas de noms, numéros de registre national, e-mails, numéros de téléphone ou de compte) :</translation>
    </message>
    <message>
        <source>Formulier leegmaken</source>
        <translation>Vider le formulaire</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Wijziging &amp;opslaan (Enter)</source>
        <translation>Enregistrer la m&amp;odification (Entrée)</translation>
    </message>
    <message>
        <source>&amp;Annuleren (Esc)</source>
        <translation>&amp;Annuler (Échap)</translation>
    </message>
    <message>
        <source>&amp;Opslaan &amp;&amp; nieuw (Enter)</source>
        <translation>Enregistrer &amp;&amp; n&amp;ouveau (Entrée)</translation>
    </message>
    <message>
        <source>Leeg&amp;maken (Esc)</source>
        <translation>Vi&amp;der (Échap)</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <source>E&amp;xporteren</source>
        <translation>E&amp;xporter</translation>
    </message>
    <message>
        <source>Rapport exporteren</source>
        <translation>Exporter le rapport</translation>
    </message>
    <message>
        <source>Maandrapport als PDF…</source>
        <translation>Rapport mensuel en PDF…</translation>
    </message>
    <message>
        <source>Tabellen als Excel (XLSX)…</source>
        <translation>Tableaux en Excel (XLSX)…</translation>
    </message>
    <message>
        <source>Tabellen als CSV…</source>
        <translation>Tableaux en CSV…</translation>
    </message>
</context>
<context>
    <name>HelpersPage</name>
    <message>
        <source>{name} (niet meer actief)</source>
        <translation>{name} (plus actif)</translation>
    </message>
    <message>
        <source>Typ eerst een naam.</source>
        <translation>Tapez d&apos;abord un nom.</translation>
    </message>
    <message>
        <source>{name} is toegevoegd.</source>
        <translation>{name} a été ajouté.</translation>
    </message>
    <message>
        <source>Kies een vrijwilliger in de lijst en typ de nieuwe naam.</source>
        <translation>Choisissez un bénévole dans la liste et tapez le nouveau nom.</translation>
    </message>
    <message>
        <source>{old} heet nu {new}.</source>
        <translation>{old} s&apos;appelle maintenant {new}.</translation>
    </message>
    <message>
        <source>Kies eerst een vrijwilliger in de lijst.</source>
        <translation>Choisissez d&apos;abord un bénévole dans la liste.</translation>
    </message>
    <message>
        <source>{name} is weer actief.</source>
        <translation>{name} est de nouveau actif.</translation>
    </message>
    <message>
        <source>{name} is niet meer actief.</source>
        <translation>{name} n&apos;est plus actif.</translation>
    </message>
    <message>
        <source>Weer a&amp;ctief maken</source>
        <translation>Rendre a&amp;ctif</translation>
    </message>
    <message>
        <source>Niet meer a&amp;ctief</source>
        <translation>Plus a&amp;ctif</translation>
    </message>
    <message>
        <source>Vrijwilligers worden met een voornaam of bijnaam bewaard. Wie niet meer meehelpt, zet u op &quot;niet meer actief&quot;: de oude sessies blijven bewaard.</source>
        <translation>Les bénévoles sont enregistrés avec un prénom ou un surnom. Qui n&apos;aide plus est mis sur &quot;plus actif&quot; : les anciennes séances sont conservées.</translation>
    </message>
    <message>
        <source>&amp;Vrijwilligers:</source>
        <translation>&amp;Bénévoles :</translation>
    </message>
    <message>
        <source>Lijst van vrijwilligers</source>
        <translation>Liste des bénévoles</translation>
    </message>
    <message>
        <source>&amp;Naam:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <source>Naam van de vrijwilliger</source>
        <translation>Nom du bénévole</translation>
    </message>
    <message>
        <source>voornaam of bijnaam</source>
        <translation>prénom ou surnom</translation>
    </message>
    <message>
        <source>&amp;Toevoegen</source>
        <translation>A&amp;jouter</translation>
    </message>
    <message>
        <source>Naam &amp;wijzigen</source>
        <translation>&amp;Renommer</translation>
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
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Over&amp;zicht</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <source>Vrijwilli&amp;gers</source>
        <translation>Bénévole&amp;s</translation>
    </message>
    <message>
        <source>In&amp;stellingen</source>
        <translation>Ré&amp;glages</translation>
    </message>
    <message>
        <source>De gegevens worden geopend...</source>
        <translation>Ouverture des données...</translation>
    </message>
    <message>
        <source>Het gegevensbestand wordt nagekeken...</source>
        <translation>Vérification du fichier de données...</translation>
    </message>
    <message>
        <source>Wat u sinds het opstarten invulde of bewaarde, is niet verloren.</source>
        <translation>Rien de ce que vous avez saisi ou enregistré depuis le démarrage n&apos;est perdu.</translation>
    </message>
    <message>
        <source>⚠ De gegevens konden niet geopend worden: {reason}</source>
        <translation>⚠ Impossible d&apos;ouvrir les données : {reason}</translation>
    </message>
    <message>
        <source>Digipunt - hulpsessies registreren</source>
        <translation>Digipunt - enregistrer les séances d&apos;aide</translation>
    </message>
    <message>
        <source>Onderdelen</source>
        <translation>Composants</translation>
    </message>
    <message>
        <source>Best&amp;and</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>S&amp;ynchronisatie</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Werkbalk</source>
        <translation>Barre d&apos;outils</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Melding sluiten</source>
        <translation>Fermer le message</translation>
    </message>
    <message>
        <source>Statusbalk</source>
        <translation>Barre d&apos;état</translation>
    </message>
</context>
<context>
    <name>PeriodPicker</name>
    <message>
        <source>Deze week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <source>Deze maand</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Vorige maand</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <source>Dit jaar</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Zelf kiezen…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>tot en met</source>
        <translation>jusqu&apos;au</translation>
    </message>
    <message>
        <source>Periode</source>
        <translation>Période</translation>
    </message>
    <message>
        <source>Van (datum)</source>
        <translation>Du (date)</translation>
    </message>
    <message>
        <source>Tot en met (datum)</source>
        <translation>Jusqu&apos;au (date)</translation>
    </message>
</context>
<context>
    <name>RegionalTab</name>
    <message>
        <source>Voor de coördinator: de cijfers van de hele regio of van uw digibank, van de server. Vul uw coördinatortoken in; het wordt niet bewaard.</source>
        <translation>Pour le coordinateur : les chiffres de toute la région ou de votre digibank, depuis le serveur. Saisissez votre jeton de coordinateur ; il n&apos;est pas conservé.</translation>
    </message>
    <message>
        <source>&amp;Serveradres:</source>
        <translation>Adresse du &amp;serveur :</translation>
    </message>
    <message>
        <source>Coördinator&amp;token:</source>
        <translation>&amp;Jeton de coordinateur :</translation>
    </message>
    <message>
        <source>Serveradres</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>Coördinatortoken</source>
        <translation>Jeton de coordinateur</translation>
    </message>
    <message>
        <source>&amp;Ophalen</source>
        <translation>&amp;Récupérer</translation>
    </message>
    <message>
        <source>&amp;Annuleren</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>Vul het serveradres en uw coördinatortoken in.</source>
        <translation>Saisissez l&apos;adresse du serveur et votre jeton de coordinateur.</translation>
    </message>
    <message>
        <source>Bezig met ophalen…</source>
        <translation>Récupération en cours…</translation>
    </message>
    <message>
        <source>Geannuleerd.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>ReportExporter</name>
    <message>
        <source>Rapport opslaan</source>
        <translation>Enregistrer le rapport</translation>
    </message>
    <message>
        <source>Rapport maken…</source>
        <translation>Création du rapport…</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Exporteren</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Opgeslagen: %1</source>
        <translation>Enregistré : %1</translation>
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
        <translation>Heures d&apos;aide</translation>
    </message>
    <message>
        <source>Unieke volwassenen bereikt</source>
        <translation>Adultes uniques atteints</translation>
    </message>
    <message>
        <source>Bereik tegenover de financieringsdrempels</source>
        <translation>Portée par rapport aux seuils de financement</translation>
    </message>
    <message>
        <source>%1 tot en met %2</source>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <source>%1: %2 unieke volwassenen, waarvan %3 met bezoekerscode (exact) en %4 geschat (eerste bezoek zonder code).</source>
        <translation>%1 : %2 adultes uniques, dont %3 avec code visiteur (exact) et %4 estimés (première visite sans code).</translation>
    </message>
    <message>
        <source>Alle drempels gehaald.</source>
        <translation>Tous les seuils sont atteints.</translation>
    </message>
    <message>
        <source>Nog %1 tot de drempel van %2.</source>
        <translation>Encore %1 jusqu&apos;au seuil de %2.</translation>
    </message>
    <message>
        <source>Uren</source>
        <translation>Heures</translation>
    </message>
    <message>
        <source>Volwassenen</source>
        <translation>Adultes</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <source>Dit &amp;digipunt</source>
        <translation>Ce &amp;digipunt</translation>
    </message>
    <message>
        <source>Re&amp;gio (coördinator)</source>
        <translation>Ré&amp;gion (coordinateur)</translation>
    </message>
    <message>
        <source>Rapporten</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>Ra&amp;pporten</source>
        <translation>Ra&amp;pports</translation>
    </message>
</context>
<context>
    <name>ServiceTiles</name>
    <message>
        <source>gekozen</source>
        <translation>choisi</translation>
    </message>
    <message>
        <source>niet gekozen</source>
        <translation>non choisi</translation>
    </message>
    <message>
        <source>Dienst {n}: {label}</source>
        <translation>Service {n} : {label}</translation>
    </message>
    <message>
        <source>Toets {n} kiest of schrapt deze dienst</source>
        <translation>La touche {n} choisit ou retire ce service</translation>
    </message>
    <message>
        <source>Dienst: {label}</source>
        <translation>Service : {label}</translation>
    </message>
    <message>
        <source>Kies een andere dienst...</source>
        <translation>Choisir un autre service...</translation>
    </message>
    <message>
        <source>Andere d&amp;ienst:</source>
        <translation>Autre serv&amp;ice :</translation>
    </message>
    <message>
        <source>Andere dienst kiezen</source>
        <translation>Choisir un autre service</translation>
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
        <translation>Tous les services</translation>
    </message>
    <message>
        <source>Alle vrijwilligers</source>
        <translation>Tous les bénévoles</translation>
    </message>
    <message>
        <source>Geen sessies gevonden.</source>
        <translation>Aucune séance trouvée.</translation>
    </message>
    <message>
        <source>Nog geen sessies. Registreer er een bij &quot;Registreren&quot;.</source>
        <translation>Pas encore de séances. Enregistrez-en une sous &quot;Enregistrer&quot;.</translation>
    </message>
    <message>
        <source>1 sessie</source>
        <translation>1 séance</translation>
    </message>
    <message>
        <source>{n} sessies</source>
        <translation>{n} séances</translation>
    </message>
    <message>
        <source>Sessie verwijderd: {what}. Per ongeluk? Klik op &quot;Ongedaan maken&quot; of druk Ctrl+Z.</source>
        <translation>Séance supprimée : {what}. Par erreur ? Cliquez sur &quot;Annuler la suppression&quot; ou appuyez sur Ctrl+Z.</translation>
    </message>
    <message>
        <source>&amp;Periode:</source>
        <translation>&amp;Période :</translation>
    </message>
    <message>
        <source>&amp;Dienst:</source>
        <translation>Ser&amp;vice :</translation>
    </message>
    <message>
        <source>&amp;Vrijwilliger:</source>
        <translation>&amp;Bénévole :</translation>
    </message>
    <message>
        <source>&amp;Resultaat:</source>
        <translation>&amp;Résultat :</translation>
    </message>
    <message>
        <source>&amp;Zoeken in notities:</source>
        <translation>Rec&amp;hercher dans les notes :</translation>
    </message>
    <message>
        <source>Alles</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Vandaag</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Deze week</source>
        <translation>Cette semaine</translation>
    </message>
    <message>
        <source>Deze maand</source>
        <translation>Ce mois-ci</translation>
    </message>
    <message>
        <source>Vorige maand</source>
        <translation>Le mois dernier</translation>
    </message>
    <message>
        <source>Dit jaar</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>Alle resultaten</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <source>woord uit de notitie</source>
        <translation>mot de la note</translation>
    </message>
    <message>
        <source>Lijst van sessies</source>
        <translation>Liste des séances</translation>
    </message>
    <message>
        <source>Kolomtitels (klik om te sorteren)</source>
        <translation>Titres des colonnes (cliquez pour trier)</translation>
    </message>
    <message>
        <source>&amp;Openen en verbeteren (Enter)</source>
        <translation>&amp;Ouvrir et corriger (Entrée)</translation>
    </message>
    <message>
        <source>Ver&amp;wijderen (Delete)</source>
        <translation>Supp&amp;rimer (Suppr)</translation>
    </message>
    <message>
        <source>On&amp;gedaan maken (Ctrl+Z)</source>
        <translation>Annuler la suppressio&amp;n (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Annuler la suppression</translation>
    </message>
    <message>
        <source>Verwijderen</source>
        <translation>Supprimer</translation>
    </message>
</context>
<context>
    <name>SessionTableModel</name>
    <message>
        <source>Klik om op deze kolom te sorteren</source>
        <translation>Cliquez pour trier sur cette colonne</translation>
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
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Duur</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Vrijwilliger</source>
        <translation>Bénévole</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Notitie</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Synchronisatie</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>nog te versturen</source>
        <translation>à envoyer</translation>
    </message>
    <message>
        <source>verstuurd</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <source>(verwijderd) </source>
        <translation>(supprimée) </translation>
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
        <translation>&amp;Langue / Taal / Language :</translation>
    </message>
    <message>
        <source>Taal van het programma</source>
        <translation>Langue du programme</translation>
    </message>
    <message>
        <source>Te&amp;kstgrootte:</source>
        <translation>&amp;Taille du texte :</translation>
    </message>
    <message>
        <source>Tekstgrootte</source>
        <translation>Taille du texte</translation>
    </message>
    <message>
        <source>Wijzigingen gelden meteen en blijven bewaard. Vindt u de letters te klein? Kies 150% of 200%.</source>
        <translation>Les changements s&apos;appliquent tout de suite et sont conservés. Les lettres sont trop petites ? Choisissez 150 % ou 200 %.</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Synchronisatiestatus</source>
        <translation>État de la synchronisation</translation>
    </message>
    <message>
        <source>Synchronisatie: even geduld...</source>
        <translation>Synchronisation : un instant...</translation>
    </message>
    <message>
        <source>○ Niet ingeschreven (alles blijft op deze pc)</source>
        <translation>○ Pas inscrit (tout reste sur ce PC)</translation>
    </message>
    <message>
        <source>⛔ Toegang ingetrokken: vraag een nieuwe code</source>
        <translation>⛔ Accès retiré : demandez un nouveau code</translation>
    </message>
    <message>
        <source>⟳ Bezig met synchroniseren...</source>
        <translation>⟳ Synchronisation en cours...</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● En ligne</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ Hors ligne</translation>
    </message>
    <message>
        <source>%1 wachtend</source>
        <translation>%1 en attente</translation>
    </message>
    <message>
        <source>⚠ De klok van deze pc loopt %1 achter</source>
        <translation>⚠ L&apos;horloge de ce PC retarde de %1</translation>
    </message>
    <message>
        <source>⚠ De klok van deze pc loopt %1 voor</source>
        <translation>⚠ L&apos;horloge de ce PC avance de %1</translation>
    </message>
    <message>
        <source>⚠ Conflicten bekijken: %1</source>
        <translation>⚠ Voir les conflits : %1</translation>
    </message>
    <message>
        <source>Laatste synchronisatie: %1</source>
        <translation>Dernière synchronisation : %1</translation>
    </message>
    <message>
        <source>%1 minuten</source>
        <translation>%1 minutes</translation>
    </message>
    <message>
        <source>%1 uur</source>
        <translation>%1 heures</translation>
    </message>
    <message>
        <source>%1 dagen</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>Nog nooit gesynchroniseerd</source>
        <translation>Jamais synchronisé</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <source>Nu &amp;synchroniseren</source>
        <translation>&amp;Synchroniser maintenant</translation>
    </message>
    <message>
        <source>Verstuur wat wacht en haal op wat nieuw is (F9)</source>
        <translation>Envoyer ce qui attend et recevoir ce qui est nouveau (F9)</translation>
    </message>
    <message>
        <source>&amp;Inschrijven bij de server...</source>
        <translation>&amp;Inscrire auprès du serveur...</translation>
    </message>
    <message>
        <source>&amp;Conflicten bekijken...</source>
        <translation>Voir les &amp;conflits...</translation>
    </message>
    <message>
        <source>S&amp;ynchronisatie</source>
        <translation>S&amp;ynchronisation</translation>
    </message>
    <message>
        <source>Synchroniseren</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Verbinden met de server...</source>
        <translation>Connexion au serveur...</translation>
    </message>
    <message>
        <source>&amp;Stoppen</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <source>Ingeschreven voor %1. Wat op deze pc staat, wordt nu verstuurd.</source>
        <translation>Inscrit pour %1. Ce qui se trouve sur ce PC est maintenant envoyé.</translation>
    </message>
    <message>
        <source>Er zijn geen conflicten te bekijken.</source>
        <translation>Il n&apos;y a aucun conflit à examiner.</translation>
    </message>
    <message>
        <source>Versturen: %1 van %2</source>
        <translation>Envoi : %1 sur %2</translation>
    </message>
    <message>
        <source>Ontvangen: %1</source>
        <translation>Reçu : %1</translation>
    </message>
    <message>
        <source>Een sessie werd op twee pc&apos;s tegelijk aangepast. Kies welke versie klopt: menu Synchronisatie &gt; Conflicten bekijken.</source>
        <translation>Une session a été modifiée sur deux PC en même temps. Choisissez la bonne version : menu Synchronisation &gt; Voir les conflits.</translation>
    </message>
</context>
<context>
    <name>VisitorCard</name>
    <message>
        <source>Digipunt - uw bezoekerscode</source>
        <translation>Digipunt - votre code visiteur</translation>
    </message>
    <message>
        <source>Toon deze kaart bij uw volgende bezoek.</source>
        <translation>Montrez cette carte lors de votre prochaine visite.</translation>
    </message>
    <message>
        <source>Er staat geen naam of adres op.</source>
        <translation>Elle ne porte ni nom ni adresse.</translation>
    </message>
</context>
<context>
    <name>VisitorCardDialog</name>
    <message>
        <source>De kaart is naar de printer gestuurd.</source>
        <translation>La carte a été envoyée à l&apos;imprimante.</translation>
    </message>
    <message>
        <source>De kaart werd niet afgedrukt: de printer kon niet starten. Kies een andere printer of bewaar de kaart als PDF.</source>
        <translation>La carte n&apos;a pas été imprimée : l&apos;imprimante n&apos;a pas pu démarrer. Choisissez une autre imprimante ou enregistrez la carte en PDF.</translation>
    </message>
    <message>
        <source>Kaart bewaren als PDF</source>
        <translation>Enregistrer la carte en PDF</translation>
    </message>
    <message>
        <source>PDF-bestand (*.pdf)</source>
        <translation>Fichier PDF (*.pdf)</translation>
    </message>
    <message>
        <source>De kaart werd niet bewaard: {file} kan niet geschreven worden. Kies een andere map.</source>
        <translation>La carte n&apos;a pas été enregistrée : impossible d&apos;écrire {file}. Choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Bewaard als {file}</source>
        <translation>Enregistrée sous {file}</translation>
    </message>
    <message>
        <source>Nieuwe bezoekerscode</source>
        <translation>Nouveau code visiteur</translation>
    </message>
    <message>
        <source>De nieuwe code is {code}. Geef de bezoeker deze kaart mee.</source>
        <translation>Le nouveau code est {code}. Donnez cette carte au visiteur.</translation>
    </message>
    <message>
        <source>Voorbeeld van de kaart met code {code}</source>
        <translation>Aperçu de la carte avec le code {code}</translation>
    </message>
    <message>
        <source>&amp;Afdrukken</source>
        <translation>&amp;Imprimer</translation>
    </message>
    <message>
        <source>Bewaren als &amp;PDF</source>
        <translation>Enregistrer en &amp;PDF</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>_AboutMenuEntry</name>
    <message>
        <source>&amp;Over Digipunt</source>
        <translation>À &amp;propos de Digipunt</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>Binnengelopen</source>
        <translation>Sans rendez-vous</translation>
    </message>
    <message>
        <source>Op afspraak</source>
        <translation>Sur rendez-vous</translation>
    </message>
    <message>
        <source>Telefonisch</source>
        <translation>Par téléphone</translation>
    </message>
    <message>
        <source>Huisbezoek</source>
        <translation>Visite à domicile</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <source>Bezoeker loste het zelf op</source>
        <translation>Le visiteur a résolu lui-même</translation>
    </message>
    <message>
        <source>Samen opgelost</source>
        <translation>Résolu ensemble</translation>
    </message>
    <message>
        <source>Deels opgelost, opvolging nodig</source>
        <translation>Résolu en partie, suivi nécessaire</translation>
    </message>
    <message>
        <source>Niet opgelost</source>
        <translation>Non résolu</translation>
    </message>
    <message>
        <source>OCMW / sociaal huis</source>
        <translation>CPAS / maison sociale</translation>
    </message>
    <message>
        <source>Burgerzaken</source>
        <translation>Service population</translation>
    </message>
    <message>
        <source>FOD Financiën</source>
        <translation>SPF Finances</translation>
    </message>
    <message>
        <source>Pensioendienst</source>
        <translation>Service des pensions</translation>
    </message>
    <message>
        <source>Ziekenfonds</source>
        <translation>Mutualité</translation>
    </message>
    <message>
        <source>VDAB</source>
        <translation>VDAB</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>Banque</translation>
    </message>
    <message>
        <source>Telecomoperator</source>
        <translation>Opérateur télécom</translation>
    </message>
    <message>
        <source>Cursus</source>
        <translation>Formation</translation>
    </message>
    <message>
        <source>Uitleen van toestellen</source>
        <translation>Prêt d&apos;appareils</translation>
    </message>
    <message>
        <source>CAW</source>
        <translation>CAW (aide sociale générale)</translation>
    </message>
    <message>
        <source>Politie</source>
        <translation>Police</translation>
    </message>
    <message>
        <source>Andere dienst</source>
        <translation>Autre service</translation>
    </message>
    <message>
        <source>Jonger dan 18</source>
        <translation>Moins de 18 ans</translation>
    </message>
    <message>
        <source>18 tot 24 jaar</source>
        <translation>18 à 24 ans</translation>
    </message>
    <message>
        <source>25 tot 34 jaar</source>
        <translation>25 à 34 ans</translation>
    </message>
    <message>
        <source>35 tot 54 jaar</source>
        <translation>35 à 54 ans</translation>
    </message>
    <message>
        <source>55 tot 64 jaar</source>
        <translation>55 à 64 ans</translation>
    </message>
    <message>
        <source>65 tot 74 jaar</source>
        <translation>65 à 74 ans</translation>
    </message>
    <message>
        <source>75 jaar of ouder</source>
        <translation>75 ans ou plus</translation>
    </message>
    <message>
        <source>Leeftijd onbekend</source>
        <translation>Âge inconnu</translation>
    </message>
    <message>
        <source>Werkzoekend</source>
        <translation>Demandeur d&apos;emploi</translation>
    </message>
    <message>
        <source>Senior</source>
        <translation>Senior</translation>
    </message>
    <message>
        <source>Laag inkomen</source>
        <translation>Faibles revenus</translation>
    </message>
    <message>
        <source>Andere moedertaal</source>
        <translation>Autre langue maternelle</translation>
    </message>
    <message>
        <source>Weinig scholing</source>
        <translation>Peu scolarisé</translation>
    </message>
    <message>
        <source>Woont alleen</source>
        <translation>Vit seul</translation>
    </message>
    <message>
        <source>Nederlands</source>
        <translation>Néerlandais</translation>
    </message>
    <message>
        <source>Frans</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>Engels</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>Andere taal</source>
        <translation>Autre langue</translation>
    </message>
    <message>
        <source>Ja, eerste bezoek</source>
        <translation>Oui, première visite</translation>
    </message>
    <message>
        <source>Nee, kwam al eerder</source>
        <translation>Non, déjà venu</translation>
    </message>
    <message>
        <source>Weet niet</source>
        <translation>Ne sait pas</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Sessies per week</source>
        <translation>Sessions par semaine</translation>
    </message>
    <message>
        <source>Sessies per maand</source>
        <translation>Sessions par mois</translation>
    </message>
    <message>
        <source>Diensten</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Uitkomst</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Doorverwijzingen</source>
        <translation>Orientations</translation>
    </message>
    <message>
        <source>Kanaal</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Leeftijd</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>Doelgroepen</source>
        <translation>Groupes cibles</translation>
    </message>
    <message>
        <source>Uren per helper</source>
        <translation>Heures par bénévole</translation>
    </message>
    <message>
        <source>Sessies per digibank</source>
        <translation>Sessions par digibank</translation>
    </message>
    <message>
        <source>Sessies per digipunt</source>
        <translation>Sessions par digipunt</translation>
    </message>
    <message>
        <source>Sessies per gemeente</source>
        <translation>Sessions par commune</translation>
    </message>
    <message>
        <source>Uren hulp per digipunt</source>
        <translation>Heures d&apos;aide par digipunt</translation>
    </message>
    <message>
        <source>Unieke volwassenen per digipunt</source>
        <translation>Adultes uniques par digipunt</translation>
    </message>
    <message>
        <source>week %1 (%2)</source>
        <translation>semaine %1 (%2)</translation>
    </message>
</context>
</TS>
