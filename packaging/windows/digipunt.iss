; Inno Setup 6 script for the Digipunt Windows installer.
;
; Build (on Windows, after "make package" or the equivalent pyinstaller call made dist\digipunt):
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\digipunt.iss
; -> dist\digipunt-0.1.0-setup.exe.  docs\INSTALL.md has the full steps, silent install and
; scripted enrolment. NOT YET RUN ON WINDOWS: see "What was verified" in docs\INSTALL.md.
;
; Silent install for IT:       digipunt-0.1.0-setup.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
; ... and enrol in one go:     add  /SERVER=https://sync.example.be /CODE=ABCD-EFGH
;   (enrolment runs as the user who started setup; see docs\INSTALL.md for machine-wide roll-out)
; Per-user install, no admin:  add  /CURRENTUSER
; Uninstalling never deletes the volunteers' data (it lives in their profile).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\digipunt"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

[Setup]
AppId={{6F1C3B0E-4D2A-4C7B-9E55-2B8D0C7A9F31}
AppName=Digipunt
AppVersion={#AppVersion}
AppVerName=Digipunt {#AppVersion}
AppPublisher=Digipunt
AppComments=Registratie van digitale hulpsessies, ook zonder internet
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Digipunt
DefaultGroupName=Digipunt
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=digipunt-{#AppVersion}-setup
SetupIconFile=digipunt.ico
UninstallDisplayIcon={app}\digipunt.exe
UninstallDisplayName=Digipunt {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
nl.DesktopIcon=Snelkoppeling op het bureaublad
fr.DesktopIcon=Raccourci sur le bureau
en.DesktopIcon=Desktop shortcut
nl.StartApp=Digipunt nu starten
fr.StartApp=Démarrer Digipunt maintenant
en.StartApp=Start Digipunt now
nl.Enrolling=Digipunt inschrijven bij de server...
fr.Enrolling=Inscription de Digipunt auprès du serveur...
en.Enrolling=Enrolling Digipunt with the server...

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; Flags: unchecked

[InstallDelete]
; A new version replaces the old program folder completely (never the data, which is elsewhere).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Digipunt"; Filename: "{app}\digipunt.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Digipunt"; Filename: "{app}\digipunt.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
; Optional scripted enrolment: setup.exe /SERVER=https://... /CODE=...
Filename: "{app}\digipunt-cli.exe"; \
  Parameters: "enrol --server ""{param:SERVER}"" --code ""{param:CODE}"""; \
  StatusMsg: "{cm:Enrolling}"; Check: HasEnrolParameters; \
  Flags: runhidden waituntilterminated runasoriginaluser
Filename: "{app}\digipunt.exe"; Description: "{cm:StartApp}"; \
  Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
function HasEnrolParameters: Boolean;
begin
  Result := (ExpandConstant('{param:SERVER|}') <> '') and (ExpandConstant('{param:CODE|}') <> '');
end;
