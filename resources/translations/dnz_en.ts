<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>双近零标杆企业自评估</source>
        <translation>Double near-zero self-assessment</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>评价标准</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <source>离线运行，数据只保存在本机。</source>
        <translation>Runs offline; data stay on this computer.</translation>
    </message>
    <message>
        <source>关于</source>
        <translation>About</translation>
    </message>
</context>
<context>
    <name>AssessmentModel</name>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>最后修改</source>
        <translation>Last change</translation>
    </message>
</context>
<context>
    <name>ComparisonDialog</name>
    <message>
        <source>场景并排比较</source>
        <translation>Scenarios side by side</translation>
    </message>
    <message>
        <source>已保存的评估</source>
        <translation>Saved assessment</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>* 为该场景改动的项目；其余为评估已保存的答案。</source>
        <translation>* changed in this scenario; the rest are the assessment&apos;s saved answers.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>程序出错</source>
        <translation>Program error</translation>
    </message>
    <message>
        <source>程序遇到了一个意外错误。已填写并确认的内容都已自动保存。
请把下面的报告复制给技术支持人员。日志文件：%1</source>
        <translation>The program met an unexpected error. Everything you entered and confirmed has been saved.
Please copy the report below to your support contact. Log file: %1</translation>
    </message>
    <message>
        <source>复制报告(&amp;C)</source>
        <translation>&amp;Copy report</translation>
    </message>
    <message>
        <source>退出程序(&amp;Q)</source>
        <translation>&amp;Quit program</translation>
    </message>
    <message>
        <source>继续使用(&amp;K)</source>
        <translation>&amp;Keep working</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <source>只读：这个数据库正在另一个窗口中编辑，此窗口中的修改不会保存。</source>
        <translation>Read-only: this database is being edited in another window; changes made here are not saved.</translation>
    </message>
    <message>
        <source>欢迎使用！数据库中还没有评估。

要打开一份示例评估吗？它是评价标准中的计算示例（总分 57.0，等级“合规”），可以看到一份完整评估的每一页。示例可随时删除。</source>
        <translation>Welcome! The database holds no assessment yet.

Open an example assessment? It is the worked example of the criteria (total 57.0, grade &quot;Compliant&quot;) and shows every page of a complete assessment. You can delete it at any time.</translation>
    </message>
    <message>
        <source>示例评估</source>
        <translation>Example assessment</translation>
    </message>
    <message>
        <source>未能备份</source>
        <translation>No backup taken</translation>
    </message>
    <message>
        <source>（只读）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>无法打开数据库</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>数据库已在另一个窗口中打开</source>
        <translation>The database is open in another window</translation>
    </message>
    <message>
        <source>切换到那个窗口</source>
        <translation>Switch to that window</translation>
    </message>
    <message>
        <source>以只读方式打开</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <source>要从 %1 的备份恢复数据库吗？当前文件会先另存一份。</source>
        <translation>Restore the database from the backup of %1? The current file is kept aside first.</translation>
    </message>
    <message>
        <source>恢复失败</source>
        <translation>Restore failed</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>已从备份恢复。恢复前的数据库另存为：%1</source>
        <translation>Restored from the backup. The previous database was kept as: %1</translation>
    </message>
</context>
<context>
    <name>DimensionBars</name>
    <message>
        <source>已保存</source>
        <translation>saved</translation>
    </message>
</context>
<context>
    <name>EnergySection</name>
    <message>
        <source>填写报告年度各能源品种的净消费量（可选择单位，按规范单位保存）。未使用的能源留空。</source>
        <translation>Enter the net consumption of each carrier in the reporting year (choose the unit; stored in the canonical unit). Leave unused carriers empty.</translation>
    </message>
    <message>
        <source>能源品种</source>
        <translation>Energy carrier</translation>
    </message>
    <message>
        <source>消费量</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>规范单位</source>
        <translation>Canonical unit</translation>
    </message>
    <message>
        <source>折标煤 tce</source>
        <translation>tce</translation>
    </message>
    <message>
        <source>CO₂ t</source>
        <translation>CO₂ t</translation>
    </message>
    <message>
        <source>因子待核实：</source>
        <translation>Factor to be verified: </translation>
    </message>
    <message>
        <source>%1的单位</source>
        <translation>Unit of %1</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>† 折标或排放因子尚待核实（见提示）。CO₂ 为化石燃料燃烧（范围一）和外购电力、热力（范围二）排放。</source>
        <translation>† Conversion or emission factor still to be verified (see tooltip). CO₂ covers fuel combustion (scope 1) and purchased electricity and heat (scope 2).</translation>
    </message>
    <message>
        <source>已换算：%1 %2 = %3 %4（用量不变）</source>
        <translation>Converted: %1 %2 = %3 %4 (the amount is unchanged)</translation>
    </message>
    <message>
        <source>范围一 %1 t，范围二 %2 t</source>
        <translation>Scope 1 %1 t, scope 2 %2 t</translation>
    </message>
    <message>
        <source>电网排放因子 %1 kgCO₂/kWh（%2 年）</source>
        <translation>Grid factor %1 kgCO₂/kWh (%2)</translation>
    </message>
    <message>
        <source>单位能耗碳排放 %1</source>
        <translation>CO₂ per tce %1</translation>
    </message>
    <message>
        <source>非化石能源占比 %1，可再生电力占比 %2，电气化率 %3</source>
        <translation>Non-fossil share %1, renewable electricity share %2, electrification %3</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>题目 / 文件</source>
        <translation>Question / file</translation>
    </message>
    <message>
        <source>应提供的佐证</source>
        <translation>Evidence expected</translation>
    </message>
    <message>
        <source>为各题目附加佐证材料（PDF、图片、Office 文件等，单个不超过 20 MB）：选中题目后点“添加文件”，或把文件从资源管理器拖到题目上。文件会复制到数据文件夹中保存，并记录 SHA-256 校验值。</source>
        <translation>Attach evidence to each question (PDF, images, Office files and the like, up to 20 MB each): select the question and click “Attach files”, or drag files from Explorer onto the question. Files are copied into the data folder and their SHA-256 is recorded.</translation>
    </message>
    <message>
        <source>文件 / 大小</source>
        <translation>Files / size</translation>
    </message>
    <message>
        <source>添加文件(&amp;A)…</source>
        <translation>&amp;Attach files…</translation>
    </message>
    <message>
        <source>移除所选文件(&amp;R)</source>
        <translation>&amp;Remove selected file</translation>
    </message>
    <message>
        <source>打开材料文件夹</source>
        <translation>Open evidence folder</translation>
    </message>
    <message>
        <source>%1 个文件</source>
        <translation>%1 file(s)</translation>
    </message>
    <message>
        <source>选择佐证材料</source>
        <translation>Choose evidence files</translation>
    </message>
    <message>
        <source>佐证材料</source>
        <translation>Evidence files</translation>
    </message>
    <message>
        <source>请先在列表中选择一个题目。</source>
        <translation>Select a question in the list first.</translation>
    </message>
    <message>
        <source>已附加：%1</source>
        <translation>Attached: %1</translation>
    </message>
    <message>
        <source>请选择要移除的文件。</source>
        <translation>Select the file to remove.</translation>
    </message>
    <message>
        <source>移除佐证材料</source>
        <translation>Remove evidence</translation>
    </message>
    <message>
        <source>确定移除“%1”吗？</source>
        <translation>Remove &quot;%1&quot;?</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>导出 Excel 和 PDF 备案文件(&amp;E)…</source>
        <translation>&amp;Export Excel and PDF filing…</translation>
    </message>
    <message>
        <source>备案文件（Excel/PDF）导出功能尚未提供，将在后续版本中加入。
评估内容已全部自动保存在本机数据库中。</source>
        <translation>Exporting the filing (Excel/PDF) is not available yet; it comes in a later version.
The assessment is saved in the local database.</translation>
    </message>
    <message>
        <source>有 %1 项输入未能保存，导出的文件不会包含它们。请先到“检查与确认”页修改或清除。</source>
        <translation>%1 input(s) could not be saved and would not be in the filing. Correct or clear them first (see the Review page).</translation>
    </message>
    <message>
        <source>还有 %1 项未填写，完成后才能导出备案文件。请到“检查与确认”页查看。</source>
        <translation>%1 item(s) are still missing; the filing can be exported once they are answered. See the Review page.</translation>
    </message>
    <message>
        <source>导出前请在“检查与确认”页核对全部内容。导出的文件包含答卷、计算过程和评分结果。</source>
        <translation>Check everything on the Review page before exporting. The files contain the answers, the calculations and the result.</translation>
    </message>
    <message>
        <source>另附改进计划（目标等级：%1）。</source>
        <translation> The improvement plan is attached (target grade: %1).</translation>
    </message>
    <message>
        <source>备案前检查有 %1 条提醒（佐证材料、封面信息），见“检查与确认”页。</source>
        <translation>The pre-filing check has %1 warning(s) (evidence, cover details): see the Review page.</translation>
    </message>
    <message>
        <source>备案前检查未发现问题；已附加 %1 个佐证材料。</source>
        <translation>The pre-filing check found nothing; %1 evidence file(s) attached.</translation>
    </message>
    <message>
        <source>选择保存备案文件的文件夹</source>
        <translation>Choose the folder for the filing</translation>
    </message>
    <message>
        <source>备案前检查</source>
        <translation>Pre-filing check</translation>
    </message>
    <message>
        <source>备案前检查有 %1 条提醒（见“检查与确认”页），例如缺少佐证材料。仍要导出吗？</source>
        <translation>The pre-filing check has %1 warning(s) (see the Review page), such as missing evidence. Export anyway?</translation>
    </message>
    <message>
        <source>仍要导出</source>
        <translation>Export anyway</translation>
    </message>
    <message>
        <source>返回检查</source>
        <translation>Back to the check</translation>
    </message>
    <message>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>导出完成。</source>
        <translation>Export finished.</translation>
    </message>
    <message>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
</context>
<context>
    <name>ExportResult</name>
    <message>
        <source>打开 PDF 文件</source>
        <translation>Open PDF file</translation>
    </message>
    <message>
        <source>打开 Excel 文件</source>
        <translation>Open Excel file</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>上次导出的备案文件</source>
        <translation>Latest filing exported</translation>
    </message>
    <message>
        <source>导出时间：%1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>（文件已不在此处）</source>
        <translation> (no longer here)</translation>
    </message>
    <message>
        <source>文件指纹：</source>
        <translation>Fingerprint: </translation>
    </message>
    <message>
        <source>导出后评估又有修改：备案文件不含这些修改，提交前请重新导出。</source>
        <translation>The assessment changed after this export: the filing does not contain the changes. Export again before filing.</translation>
    </message>
</context>
<context>
    <name>FieldsSection</name>
    <message>
        <source>单位产品碳排放：—</source>
        <translation>CO₂ per unit of product: —</translation>
    </message>
    <message>
        <source>单位产品碳排放：%1 tCO₂/%2</source>
        <translation>CO₂ per unit of product: %1 tCO₂/%2</translation>
    </message>
    <message>
        <source>单位产品</source>
        <translation>unit of product</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <source>搜索企业名称、统一社会信用代码或县区（Ctrl+F）</source>
        <translation>Search by enterprise name, credit code or county (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>评估列表</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <source>打开示例评估(&amp;E)</source>
        <translation>Open the &amp;example assessment</translation>
    </message>
    <message>
        <source>新建评估(&amp;N)…</source>
        <translation>&amp;New assessment…</translation>
    </message>
    <message>
        <source>打开(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>开始下一年度(&amp;Y)</source>
        <translation>Start next &amp;year</translation>
    </message>
    <message>
        <source>删除(&amp;D)…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>正在打开数据库…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>没有符合条件的评估。</source>
        <translation>No assessment matches.</translation>
    </message>
    <message>
        <source>还没有评估。点击“新建评估”开始，或打开示例评估看看完整的评估是什么样子。</source>
        <translation>No assessments yet. Click &quot;New assessment&quot; to start, or open the example to see a complete one.</translation>
    </message>
</context>
<context>
    <name>IntensitySection</name>
    <message>
        <source>(a) 单位产品排放强度，对照行业基准值和引领值</source>
        <translation>(a) Emission intensity against the sector benchmark and leading value</translation>
    </message>
    <message>
        <source>(b) 近三年颗粒物+SO₂+NOx 排放总量下降率</source>
        <translation>(b) Three-year reduction of PM+SO₂+NOx emitted</translation>
    </message>
    <message>
        <source>排放强度</source>
        <translation>Intensity</translation>
    </message>
    <message>
        <source>行业基准值</source>
        <translation>Sector benchmark</translation>
    </message>
    <message>
        <source>行业引领值</source>
        <translation>Sector leading value</translation>
    </message>
    <message>
        <source>请同时填写排放强度、行业基准值和引领值（填齐后自动保存）</source>
        <translation>Enter the intensity, the sector benchmark and the leading value (saved once complete)</translation>
    </message>
</context>
<context>
    <name>JournalDialog</name>
    <message>
        <source>修改记录 — %1</source>
        <translation>Change journal — %1</translation>
    </message>
    <message>
        <source>筛选（题目、内容或操作）</source>
        <translation>Filter (question, content or action)</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>共 %1 条记录。每一项修改在保存时记录，不能更改。</source>
        <translation>%1 entries. Every change is recorded when it is saved and cannot be altered.</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>双近零标杆企业自评估</source>
        <translation>Double near-zero self-assessment</translation>
    </message>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>新建评估(&amp;N)…</source>
        <translation>&amp;New assessment…</translation>
    </message>
    <message>
        <source>打开所选评估(&amp;O)</source>
        <translation>&amp;Open selected assessment</translation>
    </message>
    <message>
        <source>开始下一年度(&amp;Y)</source>
        <translation>Start next &amp;year</translation>
    </message>
    <message>
        <source>删除所选评估(&amp;D)…</source>
        <translation>&amp;Delete selected assessment…</translation>
    </message>
    <message>
        <source>立即备份数据库(&amp;B)</source>
        <translation>&amp;Back up the database now</translation>
    </message>
    <message>
        <source>设置(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>退出(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>评估(&amp;A)</source>
        <translation>&amp;Assessment</translation>
    </message>
    <message>
        <source>返回评估列表(&amp;L)</source>
        <translation>Back to the &amp;list</translation>
    </message>
    <message>
        <source>检查与确认(&amp;R)</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>修改记录(&amp;J)…</source>
        <translation>Change &amp;journal…</translation>
    </message>
    <message>
        <source>搜索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>使用说明(&amp;H)</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <source>打开示例评估(&amp;E)</source>
        <translation>Open the &amp;example assessment</translation>
    </message>
    <message>
        <source>关于(&amp;A)</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>“%1”%2 年度的评估已经存在，不能再次创建。要打开它吗？</source>
        <translation>The %2 assessment of “%1” exists already and cannot be created again. Open it?</translation>
    </message>
    <message>
        <source>开始下一年度</source>
        <translation>Start next year</translation>
    </message>
    <message>
        <source>打开已有评估</source>
        <translation>Open the existing assessment</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>无法开始下一年度</source>
        <translation>Cannot start the next year</translation>
    </message>
    <message>
        <source>确定删除“%1”%2 年度的评估吗？
删除前会自动备份数据库，可在“设置”中从备份恢复。</source>
        <translation>Delete the %2 assessment of &quot;%1&quot;?
The database is backed up first; you can restore it under Settings.</translation>
    </message>
    <message>
        <source>删除评估</source>
        <translation>Delete assessment</translation>
    </message>
    <message>
        <source>删除失败</source>
        <translation>Deletion failed</translation>
    </message>
    <message>
        <source>无法打开示例评估</source>
        <translation>Cannot open the example</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
    <message>
        <source>已备份到 %1</source>
        <translation>Backed up to %1</translation>
    </message>
    <message>
        <source>无法打开评估</source>
        <translation>Cannot open the assessment</translation>
    </message>
    <message>
        <source>%1 %2 — 双近零标杆企业自评估</source>
        <translation>%1 %2 — Double near-zero self-assessment</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1” </translation>
    </message>
    <message>
        <source>• %1：%2%3</source>
        <translation>• %1: %2%3</translation>
    </message>
    <message>
        <source>……共 %1 项</source>
        <translation>… %1 in all</translation>
    </message>
    <message>
        <source>以下输入不符合要求，未能保存：
%1

关闭后这些输入将丢失，数据库中仍是之前保存的内容。仍要关闭吗？</source>
        <translation>These inputs were refused and are not saved:
%1

Closing loses them; the database keeps the values saved before. Close anyway?</translation>
    </message>
    <message>
        <source>有未保存的输入</source>
        <translation>Unsaved input</translation>
    </message>
    <message>
        <source>放弃这些输入并关闭</source>
        <translation>Discard them and close</translation>
    </message>
    <message>
        <source>返回修改</source>
        <translation>Go back and correct</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>场景名称：</source>
        <translation>Scenario name:</translation>
    </message>
</context>
<context>
    <name>NewAssessmentDialog</name>
    <message>
        <source>新建评估</source>
        <translation>New assessment</translation>
    </message>
    <message>
        <source>18位，见营业执照</source>
        <translation>18 characters, see the business licence</translation>
    </message>
    <message>
        <source>企业名称 *</source>
        <translation>Enterprise name *</translation>
    </message>
    <message>
        <source>统一社会信用代码 *</source>
        <translation>Unified social credit code *</translation>
    </message>
    <message>
        <source>所在县（市、区）</source>
        <translation>County</translation>
    </message>
    <message>
        <source>评估年度</source>
        <translation>Reporting year</translation>
    </message>
    <message>
        <source>创建</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已输入 %1/18 位</source>
        <translation>%1 of 18 characters</translation>
    </message>
    <message>
        <source>校验位正确</source>
        <translation>Check character is correct</translation>
    </message>
</context>
<context>
    <name>NextYearDialog</name>
    <message>
        <source>已开始 %1 年度评估</source>
        <translation>%1 assessment started</translation>
    </message>
    <message>
        <source>已根据 %1 年度的评估创建 %2 年度的草稿。下面列出沿用的内容、需要重新填写的本年度数据（附上年度数值供参考）和从往年评估带出的数据。双击某一项可直接跳到该处。</source>
        <translation>A %2 draft was created from the %1 assessment. Below: the figures to enter again (with last year&apos;s value for reference), what was filled from earlier years, and what was carried over. Double-click a line to go to it.</translation>
    </message>
    <message>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>需要重新填写（%1 项，右侧为上年度数值）</source>
        <translation>To enter again (%1; last year&apos;s value on the right)</translation>
    </message>
    <message>
        <source>上年度：</source>
        <translation>Last year: </translation>
    </message>
    <message>
        <source>从往年评估带出（%1 项）</source>
        <translation>Filled from earlier years (%1)</translation>
    </message>
    <message>
        <source>从 %2 年度评估带出（%1 项）</source>
        <translation>Filled from the %2 assessment (%1)</translation>
    </message>
    <message>
        <source>沿用上年度（%1 项）</source>
        <translation>Carried over from last year (%1)</translation>
    </message>
    <message>
        <source>开始填写</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>OutletsSection</name>
    <message>
        <source>添加排放口(&amp;O)</source>
        <translation>Add &amp;outlet</translation>
    </message>
    <message>
        <source>每个有组织排放口填写年均实测浓度（mg/m³）和小时均值达标率。选择排放源类型后自动带出超低排放限值；“其他”类型须自行填写适用标准及限值。</source>
        <translation>For each organised outlet enter the measured annual mean concentrations (mg/m³) and the hourly compliance rate. The source type brings its ultra-low limits; for &quot;Other&quot; enter the standard and its limits.</translation>
    </message>
    <message>
        <source>如 1#锅炉</source>
        <translation>e.g. Boiler 1</translation>
    </message>
    <message>
        <source>适用标准名称及编号</source>
        <translation>Name and number of the standard</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>排放源类型</source>
        <translation>Source type</translation>
    </message>
    <message>
        <source>实测年均浓度</source>
        <translation>Measured annual mean</translation>
    </message>
    <message>
        <source>小时均值达标率</source>
        <translation>Hourly compliance rate</translation>
    </message>
    <message>
        <source>限值</source>
        <translation>Limits</translation>
    </message>
    <message>
        <source>适用标准</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>请在下方填写所报告污染物的限值和适用标准</source>
        <translation>Enter the limits of the reported pollutants and the standard below</translation>
    </message>
    <message>
        <source>（数值待核实）</source>
        <translation> (values to be verified)</translation>
    </message>
    <message>
        <source>最大浓度比：—</source>
        <translation>Worst concentration ratio: —</translation>
    </message>
    <message>
        <source>最大浓度比 %1（%2 %3：%4 / %5 mg/m³）</source>
        <translation>Worst ratio %1 (%2 %3: %4 / %5 mg/m³)</translation>
    </message>
    <message>
        <source>小时达标率低于要求：</source>
        <translation>Hourly compliance below the requirement: </translation>
    </message>
</context>
<context>
    <name>PlanPage</name>
    <message>
        <source>按目标等级计算成本最低的改进措施组合：求解器求出方案，评分引擎按方案修改后的答卷重新评分确认。单价默认取措施目录中的估算值，可按本企业询价修改，随评估保存。计划针对已保存的评估，不受试算影响。</source>
        <translation>The least-cost set of improvement measures that reaches the target grade: a solver finds it and the scoring engine confirms it by re-scoring the changed answers. Unit costs default to the catalogue&apos;s estimates; change them to your own quotes (saved with the assessment). The plan is made for the saved assessment; the sandbox does not affect it.</translation>
    </message>
    <message>
        <source>目标等级：</source>
        <translation>Target grade:</translation>
    </message>
    <message>
        <source>目标等级</source>
        <translation>Target grade</translation>
    </message>
    <message>
        <source>重新计算(&amp;P)</source>
        <translation>Recalculate (&amp;P)</translation>
    </message>
    <message>
        <source>在备案文件中附上改进计划（主管部门可看到企业拟采取的措施）</source>
        <translation>Attach the improvement plan to the filing (the bureau sees the measures the enterprise intends to take)</translation>
    </message>
    <message>
        <source>计划结果</source>
        <translation>The plan</translation>
    </message>
    <message>
        <source>措施</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>新增分数</source>
        <translation>Points added</translation>
    </message>
    <message>
        <source>成本（万元）</source>
        <translation>Cost (10k CNY)</translation>
    </message>
    <message>
        <source>周期（月）</source>
        <translation>Months</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>措施（按新增分数排序）</source>
        <translation>Measures (most points first)</translation>
    </message>
    <message>
        <source>实施时间（按各措施的周期，同时开始）</source>
        <translation>Timeline (each measure&apos;s lead time, all starting together)</translation>
    </message>
    <message>
        <source>在试算中查看(&amp;V)</source>
        <translation>Try in sandbox (&amp;V)</translation>
    </message>
    <message>
        <source>打开试算，带入计划的全部改动：可逐项查看、调整、保存为场景或应用到评估</source>
        <translation>Open the sandbox with all the plan&apos;s changes: look at them one by one, adjust, save as a scenario or apply</translation>
    </message>
    <message>
        <source>保存为场景(&amp;S)…</source>
        <translation>Save as scenario (&amp;S)…</translation>
    </message>
    <message>
        <source>措施单价（万元/单位；留空用默认估算值；取消“可采用”表示本企业不能采取该措施）</source>
        <translation>Unit costs (10k CNY per unit; empty: the default estimate; untick “Available” for a measure the plant cannot take)</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>默认单价</source>
        <translation>Default cost</translation>
    </message>
    <message>
        <source>本企业单价</source>
        <translation>Our cost</translation>
    </message>
    <message>
        <source>可采用</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>措施单价</source>
        <translation>Unit costs</translation>
    </message>
    <message>
        <source>全部恢复默认单价</source>
        <translation>Reset all costs to the defaults</translation>
    </message>
    <message>
        <source>佐证：%1</source>
        <translation>Evidence: %1</translation>
    </message>
    <message>
        <source>单价已随评估保存。</source>
        <translation>Costs saved with the assessment.</translation>
    </message>
    <message>
        <source>已恢复默认单价。</source>
        <translation>Default costs restored.</translation>
    </message>
    <message>
        <source>正在计算……</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>现状 %1 分（%2）→ 计划完成后 %3 分（%4）</source>
        <translation>Now %1 points (%2) → after the plan %3 points (%4)</translation>
    </message>
    <message>
        <source>已达到目标等级“%1”，无需采取措施。</source>
        <translation>The target grade “%1” is reached already; no measure is needed.</translation>
    </message>
    <message>
        <source>总成本 %1 万元（估算）；最长周期 %2 个月；共 %3 项措施</source>
        <translation>Total cost %1 (10k CNY, estimate); longest lead time %2 months; %3 measures</translation>
    </message>
    <message>
        <source>无法达到“%1”：%2。以下为可达到的最高等级的计划。</source>
        <translation>“%1” cannot be reached: %2. Below is the plan for the best reachable grade.</translation>
    </message>
    <message>
        <source>最低成本：达到“%1”的任何方案成本都不低于 %2 万元（本方案 %3 万元）；求解器 HiGHS 用时 %4 秒，共 %5 次求解，结果经评分引擎复核。</source>
        <translation>Least cost: no plan reaching “%1” costs less than %2 (10k CNY; this plan %3); HiGHS took %4 s over %5 solves, and the scoring engine re-checked the result.</translation>
    </message>
    <message>
        <source>改进计划：%1</source>
        <translation>Improvement plan: %1</translation>
    </message>
    <message>
        <source>保存为场景</source>
        <translation>Save as scenario</translation>
    </message>
    <message>
        <source>已有名为“%1”的场景，要替换它吗？</source>
        <translation>A scenario named “%1” exists. Replace it?</translation>
    </message>
    <message>
        <source>替换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已保存为场景“%1”。</source>
        <translation>Saved as scenario “%1”.</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>评估年度：%1&#x3000;评价标准：%2</source>
        <translation>Reporting year: %1   Criteria: %2</translation>
    </message>
    <message>
        <source>18位，见营业执照</source>
        <translation>18 characters, see the business licence</translation>
    </message>
    <message>
        <source>如 C2614</source>
        <translation>e.g. C2614</translation>
    </message>
    <message>
        <source>如 邹平市</source>
        <translation>e.g. Zouping</translation>
    </message>
    <message>
        <source>带 * 的为必填项；其余各项会印在备案文件封面上，也请填写。每一项在按回车或离开输入框时自动保存。</source>
        <translation>Fields marked * are required; the others are printed on the filing&apos;s cover, so fill them in too. Each field is saved when you press Enter or leave it.</translation>
    </message>
    <message>
        <source>已输入 %1/18 位</source>
        <translation>%1 of 18 characters</translation>
    </message>
    <message>
        <source>校验位正确</source>
        <translation>Check character is correct</translation>
    </message>
</context>
<context>
    <name>QuestionCard</name>
    <message>
        <source>依据：</source>
        <translation>Basis: </translation>
    </message>
    <message>
        <source>引用说明：</source>
        <translation>Why this source: </translation>
    </message>
    <message>
        <source>佐证材料：</source>
        <translation>Evidence: </translation>
    </message>
</context>
<context>
    <name>QuestionsPage</name>
    <message>
        <source>%1  %2（权重 %3）</source>
        <translation>%1  %2 (weight %3)</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>以下前提条件须全部满足（或不适用），否则无论得分多少，等级均为“尚未达标”。</source>
        <translation>All prerequisites must be met (or not apply); otherwise the grade is &quot;Not yet&quot; whatever the score.</translation>
    </message>
    <message>
        <source>本维度满分 %1 分，共 %2 项指标。</source>
        <translation>This dimension is worth %1 points and has %2 indicators. </translation>
    </message>
    <message>
        <source>先填写本页的基础数据，据此自动计算的指标随之更新。</source>
        <translation>Enter the data on this page first; the indicators computed from it update as you type.</translation>
    </message>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <source>是（符合）</source>
        <translation>Yes (met)</translation>
    </message>
    <message>
        <source>否（不符合）</source>
        <translation>No (not met)</translation>
    </message>
    <message>
        <source>范围 %1–%2</source>
        <translation>range %1–%2</translation>
    </message>
    <message>
        <source>自动计算，依据：%1</source>
        <translation>Computed from: %1</translation>
    </message>
    <message>
        <source>当前值：—</source>
        <translation>Current value: —</translation>
    </message>
    <message>
        <source>不适用（不计分）</source>
        <translation>Not applicable (not scored)</translation>
    </message>
    <message>
        <source>尚未填写（暂按 0 分）</source>
        <translation>Not answered yet (scored 0)</translation>
    </message>
    <message>
        <source>得分 %1 / %2</source>
        <translation>Points %1 / %2</translation>
    </message>
    <message>
        <source>当前值：</source>
        <translation>Current value: </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>未保存的输入（双击或按回车跳转到该处修改）</source>
        <translation>Unsaved input (double-click or Enter to go there and correct it)</translation>
    </message>
    <message>
        <source>尚未填写的项目（双击或按回车跳转）</source>
        <translation>Still missing (double-click or press Enter to go there)</translation>
    </message>
    <message>
        <source>备案前检查：佐证材料、封面信息（双击或按回车跳转）</source>
        <translation>Pre-filing check: evidence, cover details (double-click or Enter to go there)</translation>
    </message>
    <message>
        <source>已保留但不计分的内容</source>
        <translation>Kept but not scored</translation>
    </message>
    <message>
        <source>评分结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>查看修改记录(&amp;J)…</source>
        <translation>Change &amp;journal…</translation>
    </message>
    <message>
        <source>有 %1 项输入未能保存，仍显示在原处（见第一栏）；数据库中仍是之前保存的内容。</source>
        <translation>%1 input(s) could not be saved and are still shown where they were typed (first list); the database keeps the values saved before.</translation>
    </message>
    <message>
        <source>已完成 %1 / %2 项，还有 %3 项未填写。</source>
        <translation>%1 of %2 answered, %3 still missing.</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>全部 %1 项均已填写。</source>
        <translation>All %1 items are filled in.</translation>
    </message>
    <message>
        <source>已附加 %1 个佐证材料。</source>
        <translation>%1 evidence file(s) attached. </translation>
    </message>
    <message>
        <source>备案前检查有 %1 条提醒，建议处理后再导出。</source>
        <translation>The pre-filing check has %1 warning(s); deal with them before exporting.</translation>
    </message>
    <message>
        <source>备案前检查未发现问题。</source>
        <translation>The pre-filing check found nothing.</translation>
    </message>
    <message>
        <source>可以导出备案。</source>
        <translation>Ready to export the filing.</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1” </translation>
    </message>
    <message>
        <source>%1 — %2：%3未保存（%4）</source>
        <translation>%1 — %2: %3not saved (%4)</translation>
    </message>
    <message>
        <source>总分 %1，等级：%2</source>
        <translation>Total %1, grade: %2</translation>
    </message>
    <message>
        <source>未满足的前提条件：</source>
        <translation>Prerequisites not met: </translation>
    </message>
    <message>
        <source>评价标准：%1（版本 %2）</source>
        <translation>Criteria: %1 (version %2)</translation>
    </message>
</context>
<context>
    <name>RowsSection</name>
    <message>
        <source>删除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>SandboxBar</name>
    <message>
        <source>保存为场景(&amp;S)…</source>
        <translation>Save as scenario (&amp;S)…</translation>
    </message>
    <message>
        <source>应用到评估(&amp;A)…</source>
        <translation>Apply to assessment (&amp;A)…</translation>
    </message>
    <message>
        <source>退出试算(&amp;X)</source>
        <translation>Leave sandbox (&amp;X)</translation>
    </message>
    <message>
        <source>试算模式：在各页修改答案试算得分，修改不会保存到评估，也不影响备案文件。</source>
        <translation>Sandbox: change answers on any page to see the score move; nothing is saved to the assessment or goes into a filing.</translation>
    </message>
    <message>
        <source>场景：%1。</source>
        <translation> Scenario: %1.</translation>
    </message>
    <message>
        <source>等 %1 项</source>
        <translation> (%1 in all)</translation>
    </message>
    <message>
        <source>已改动 %1 项：</source>
        <translation>%1 change(s): </translation>
    </message>
    <message>
        <source>尚无改动。</source>
        <translation>No change yet.</translation>
    </message>
</context>
<context>
    <name>SandboxController</name>
    <message>
        <source>无法试算</source>
        <translation>Cannot try</translation>
    </message>
    <message>
        <source>试算中有 %1 项改动尚未保存为场景。退出试算将放弃这些改动（评估本身不受影响）。</source>
        <translation>The sandbox holds %1 change(s) not saved as a scenario. Leaving drops them (the assessment itself is not affected).</translation>
    </message>
    <message>
        <source>退出试算</source>
        <translation>Leave sandbox</translation>
    </message>
    <message>
        <source>放弃并退出</source>
        <translation>Drop and leave</translation>
    </message>
    <message>
        <source>继续试算</source>
        <translation>Keep trying</translation>
    </message>
    <message>
        <source>保存为场景</source>
        <translation>Save as scenario</translation>
    </message>
    <message>
        <source>试算方案</source>
        <translation>What-if</translation>
    </message>
    <message>
        <source>已有名为“%1”的场景，要用当前试算替换它吗？</source>
        <translation>A scenario named “%1” exists. Replace it with this sandbox?</translation>
    </message>
    <message>
        <source>替换</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>无法保存场景</source>
        <translation>Cannot save the scenario</translation>
    </message>
    <message>
        <source>无法应用</source>
        <translation>Cannot apply</translation>
    </message>
    <message>
        <source>应用到评估</source>
        <translation>Apply to assessment</translation>
    </message>
    <message>
        <source>这些改动与评估现有的答案相同，无需应用。</source>
        <translation>These changes equal the assessment&apos;s answers; there is nothing to apply.</translation>
    </message>
    <message>
        <source>将把以下 %1 项改动写入评估，每一项都记入修改记录：</source>
        <translation>These %1 change(s) will be written to the assessment, each recorded in the change journal:</translation>
    </message>
    <message>
        <source>应用并记录</source>
        <translation>Apply and record</translation>
    </message>
</context>
<context>
    <name>ScalarSection</name>
    <message>
        <source>未填写按 0 计</source>
        <translation>empty counts as 0</translation>
    </message>
</context>
<context>
    <name>ScenarioDialog</name>
    <message>
        <source>试算场景</source>
        <translation>What-if scenarios</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>改动</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>已应用</source>
        <translation>Applied</translation>
    </message>
    <message>
        <source>在试算中打开(&amp;O)</source>
        <translation>Open in sandbox (&amp;O)</translation>
    </message>
    <message>
        <source>并排比较(&amp;C)</source>
        <translation>Compare (&amp;C)</translation>
    </message>
    <message>
        <source>应用到评估(&amp;A)…</source>
        <translation>Apply to assessment (&amp;A)…</translation>
    </message>
    <message>
        <source>重命名(&amp;R)…</source>
        <translation>Rename (&amp;R)…</translation>
    </message>
    <message>
        <source>删除(&amp;D)</source>
        <translation>Delete (&amp;D)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>场景与评估分开保存；总分按评估当前已保存的答案加上场景的改动计算。并排比较可多选。</source>
        <translation>Scenarios are stored apart from the assessment; each total is the saved answers plus the scenario&apos;s changes. Select several to compare them.</translation>
    </message>
    <message>
        <source>试算</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <source>改进计划</source>
        <translation>Improvement plan</translation>
    </message>
    <message>
        <source>（草稿）</source>
        <translation> (draft)</translation>
    </message>
    <message>
        <source>还没有保存的场景：在试算中修改答案后点“保存为场景”。</source>
        <translation>No scenario yet: change answers in the sandbox, then “Save as scenario”.</translation>
    </message>
    <message>
        <source>重命名场景</source>
        <translation>Rename scenario</translation>
    </message>
    <message>
        <source>删除场景</source>
        <translation>Delete scenarios</translation>
    </message>
    <message>
        <source>删除场景：%1？评估本身不受影响。</source>
        <translation>Delete %1? The assessment itself is not affected.</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <source>实时评分</source>
        <translation>Live score</translation>
    </message>
    <message>
        <source>总分</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>短板（为何未达到更高等级）</source>
        <translation>Short board (why not one grade higher)</translation>
    </message>
    <message>
        <source>失分项及满分所需数值</source>
        <translation>Lost points and the values that earn them</translation>
    </message>
    <message>
        <source>试算评分</source>
        <translation>Sandbox score</translation>
    </message>
    <message>
        <source>已保存的评估：暂无法评分</source>
        <translation>Saved assessment: cannot be scored yet</translation>
    </message>
    <message>
        <source>已保存的评估：%1 分，%2（竖线为已保存的各维度得分）</source>
        <translation>Saved assessment: %1 points, %2 (the lines across the bars are its dimension scores)</translation>
    </message>
    <message>
        <source>暂无法评分</source>
        <translation>Cannot score yet</translation>
    </message>
    <message>
        <source>填写能源消费等数据后显示得分。</source>
        <translation>The score appears once the energy data are entered.</translation>
    </message>
    <message>
        <source>等级：%1</source>
        <translation>Grade: %1</translation>
    </message>
    <message>
        <source>已全部填写。</source>
        <translation>Everything answered.</translation>
    </message>
    <message>
        <source>草稿：尚有 %1 项未填写，暂按 0 分计。</source>
        <translation>Draft: %1 item(s) missing, scored 0 for now.</translation>
    </message>
    <message>
        <source>前提条件未满足：%1</source>
        <translation>Prerequisites not met: %1</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>• %1 %2：失 %3 分；当前 %4 → %5</source>
        <translation>• %1 %2: %3 points lost; now %4 → %5</translation>
    </message>
    <message>
        <source>无失分项。</source>
        <translation>No points lost.</translation>
    </message>
</context>
<context>
    <name>SectionBox</name>
    <message>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>2020年原煤、焦炭消费量（E1 的基准）。2020年无煤炭消费的填 0。</source>
        <translation>Raw coal and coke used in 2020 (the base of E1). Enter 0 if no coal was used in 2020.</translation>
    </message>
    <message>
        <source>报告年度购买并注销的绿色电力证书电量（不含绿电交易已计入的部分）。</source>
        <translation>Green electricity certificates bought and retired for the reporting year (excluding green power already counted as traded).</translation>
    </message>
    <message>
        <source>工业生产过程的二氧化碳排放（如碳酸盐分解），无则留空。</source>
        <translation>CO₂ from industrial processes (e.g. carbonate decomposition); leave empty if none.</translation>
    </message>
    <message>
        <source>报告年度注销的合格碳信用（CCER 等），无则留空。</source>
        <translation>Qualifying carbon credits (CCER etc.) retired for the reporting year; leave empty if none.</translation>
    </message>
    <message>
        <source>主要产品年产量及其单位（如 t、万件）。</source>
        <translation>Annual output of the main product and its unit (e.g. t, 10⁴ pieces).</translation>
    </message>
    <message>
        <source>单位产品碳排放的行业基准值和引领值（与产量同一单位）。</source>
        <translation>Sector benchmark and leading value of CO₂ per unit of product (same unit as the output).</translation>
    </message>
    <message>
        <source>报告年度前第三年的排放量和产量（用于碳排放弹性系数）。</source>
        <translation>Emissions and output of the third year before the reporting year (for the carbon elasticity).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>数据文件夹</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>数据库文件</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>自动备份（每次启动和删除前自动备份）：</source>
        <translation>Backups (taken automatically at every start and before deleting):</translation>
    </message>
    <message>
        <source>立即备份(&amp;B)</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>从所选备份恢复(&amp;R)…</source>
        <translation>&amp;Restore the selected backup…</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>启动时</source>
        <translation>at start</translation>
    </message>
    <message>
        <source>删除前</source>
        <translation>before deleting</translation>
    </message>
    <message>
        <source>手动</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>升级前</source>
        <translation>before upgrade</translation>
    </message>
    <message>
        <source>恢复前</source>
        <translation>before restore</translation>
    </message>
    <message>
        <source>导出前</source>
        <translation>before export</translation>
    </message>
    <message>
        <source>其他</source>
        <translation>other</translation>
    </message>
    <message>
        <source>%1 家企业，%2 份评估</source>
        <translation>%1 enterprise(s), %2 assessment(s)</translation>
    </message>
    <message>
        <source>无法读取</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <source>（暂无备份）</source>
        <translation>(no backups yet)</translation>
    </message>
    <message>
        <source>备份失败</source>
        <translation>Backup failed</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>个月</source>
        <translation>months</translation>
    </message>
    <message>
        <source>月</source>
        <translation>month</translation>
    </message>
</context>
<context>
    <name>WaterSection</name>
    <message>
        <source>添加污染物(&amp;W)</source>
        <translation>Add &amp;pollutant</translation>
    </message>
    <message>
        <source>实现废水零排放的勾选“零排放”；否则至少填写 COD 和氨氮的年均排放浓度及排放限值（mg/L）。</source>
        <translation>Tick zero liquid discharge if it applies; otherwise give at least COD and NH3-N with annual mean and discharge limit (mg/L).</translation>
    </message>
    <message>
        <source>废水零排放（ZLD）</source>
        <translation>Zero liquid discharge (ZLD)</translation>
    </message>
    <message>
        <source>如 COD</source>
        <translation>e.g. COD</translation>
    </message>
    <message>
        <source>污染物</source>
        <translation>Pollutant</translation>
    </message>
    <message>
        <source>年均浓度</source>
        <translation>Annual mean</translation>
    </message>
    <message>
        <source>排放限值</source>
        <translation>Discharge limit</translation>
    </message>
    <message>
        <source>最大浓度比：—</source>
        <translation>Worst concentration ratio: —</translation>
    </message>
    <message>
        <source>最大浓度比：</source>
        <translation>Worst ratio: </translation>
    </message>
</context>
<context>
    <name>WizardView</name>
    <message>
        <source>评估章节</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>完成进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>已完成 %v / %m 项</source>
        <translation>%v of %m answered</translation>
    </message>
    <message>
        <source>返回列表(&amp;L)</source>
        <translation>Back to &amp;list</translation>
    </message>
    <message>
        <source>上一步(&amp;B)</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>下一步(&amp;N)</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>试算(&amp;T)</source>
        <translation>Try (&amp;T)</translation>
    </message>
    <message>
        <source>在不改动评估的情况下修改答案，看总分、等级和短板如何变化</source>
        <translation>Change answers without changing the assessment, and see how total, grade and short board move</translation>
    </message>
    <message>
        <source>场景(&amp;C)…</source>
        <translation>Scenarios (&amp;C)…</translation>
    </message>
    <message>
        <source>试算（未保存到评估）</source>
        <translation>Sandbox (not saved to the assessment)</translation>
    </message>
    <message>
        <source>已保存 %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>退出试算(&amp;T)</source>
        <translation>Leave sandbox (&amp;T)</translation>
    </message>
</context>
</TS>
