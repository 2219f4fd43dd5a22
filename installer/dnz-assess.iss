; Inno Setup script: installs the one-folder build per user (no administrator rights needed).
; Built by .github/workflows/windows.yml:  ISCC.exe /DAppVersion=0.2.0 installer\dnz-assess.iss
; User data stays in %APPDATA%\BinzhouDNZ\dnz-assess and is never touched by install/uninstall.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B1E4C2A-9C1D-4E7B-9F1E-3D2A5C7E9B10}
AppName=双近零标杆企业自评估
AppVersion={#AppVersion}
AppPublisher=滨州市双近零自评估项目
DefaultDirName={localappdata}\Programs\dnz-assess
DefaultGroupName=双近零标杆企业自评估
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputBaseFilename=dnz-assess-setup-{#AppVersion}
SetupIconFile=..\resources\icons\app.ico
UninstallDisplayIcon={app}\dnz-assess.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"; Flags: skipifnotfound
Name: "english"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\dist\dnz-assess\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\双近零标杆企业自评估"; Filename: "{app}\dnz-assess.exe"
Name: "{userdesktop}\双近零标杆企业自评估"; Filename: "{app}\dnz-assess.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Run]
Filename: "{app}\dnz-assess.exe"; Description: "{cm:LaunchProgram,双近零标杆企业自评估}"; Flags: nowait postinstall skipifsilent
