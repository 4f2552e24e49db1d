import { CrownOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { revealMemberIdNumber } from '../api/hooks';
import type { Member } from '../api/types';
import { ageReachedThisYear } from '@fangpin/domain';
import { HealthTag, useCodeLabel } from '../ui/CodeLabel';
import { MaskedValue } from '../ui/MaskedValue';
import { todayInChina } from './age';

export interface MembersViewProps {
  members: Member[];
  canReveal: boolean;
  /** False when the role's field policy withholds health (the column is then left out). */
  canSeeHealth: boolean;
  isMobile: boolean;
  onRevealed: () => void;
  onRevealError: (error: unknown) => void;
}

function Flags({ member }: { member: Member }) {
  const { t } = useTranslation();
  const tags: ReactNode[] = [];
  if (member.hasMedicalInsurance)
    tags.push(
      <Tag key="med" color="green">
        {t('member.medicalInsurance')}
      </Tag>,
    );
  if (member.hasPensionInsurance)
    tags.push(
      <Tag key="pen" color="cyan">
        {t('member.pensionInsurance')}
      </Tag>,
    );
  if (member.isDibao)
    tags.push(
      <Tag key="dibao" color="gold">
        {t('member.dibao')}
      </Tag>,
    );
  if (member.isTekun)
    tags.push(
      <Tag key="tekun" color="magenta">
        {t('member.tekun')}
      </Tag>,
    );
  if (tags.length === 0) return <span className="fp-muted">{t('member.none')}</span>;
  return (
    <Space size={[0, 4]} data-testid="member-flags" className="fp-flags">
      {tags}
    </Space>
  );
}

/**
 * The birth year and the age reached this year (今年 N 岁): never a birth date, which with the masked
 * ID number would give most of it away (docs/personal-data.md).
 */
function BirthYear({ year, stacked = false }: { year: number | null; stacked?: boolean }) {
  const { t } = useTranslation();
  if (!year) return <span className="fp-muted">{t('common.empty')}</span>;
  const age = ageReachedThisYear(year, todayInChina());
  if (stacked) {
    return (
      <span className="fp-stacked" data-testid="member-birth">
        <span className="fp-nowrap">{t('member.bornIn', { year })}</span>
        <span className="fp-muted fp-small">{t('member.ageThisYear', { count: age })}</span>
      </span>
    );
  }
  return (
    <span className="fp-nowrap" data-testid="member-birth">
      {t('member.bornIn', { year })}
      <span className="fp-muted"> · {t('member.ageThisYear', { count: age })}</span>
    </span>
  );
}

function Name({ member }: { member: Member }) {
  return (
    <span className="fp-nowrap fp-member-name" data-testid="member-name">
      {member.name}
      {member.relation === 'head' ? <CrownOutlined className="fp-head-icon" /> : null}
    </span>
  );
}

export function MembersView({
  members,
  canReveal,
  canSeeHealth,
  isMobile,
  onRevealed,
  onRevealError,
}: MembersViewProps) {
  const { t } = useTranslation();
  const label = useCodeLabel();

  const idNumber = (member: Member) => (
    <MaskedValue
      masked={member.idNumberMasked}
      canReveal={canReveal}
      onReveal={(reason) => revealMemberIdNumber(member.id, reason)}
      onRevealed={onRevealed}
      onError={onRevealError}
      testId="member-id"
    />
  );
  const migrant = (member: Member) =>
    member.migrantMonths ? (
      t('member.months', { count: member.migrantMonths })
    ) : (
      <span className="fp-muted">{t('common.empty')}</span>
    );

  if (members.length === 0) return <Empty />;

  // Said once, so a leader knows the column is withheld by policy and not empty.
  const healthNote = canSeeHealth ? null : (
    <div className="fp-muted fp-small fp-health-withheld" data-testid="member-health-withheld">
      {t('member.healthWithheld')}
    </div>
  );

  if (isMobile) {
    return (
      <div className="fp-member-cards">
        {healthNote}
        {members.map((member) => (
          <Card
            key={member.id}
            size="small"
            className="fp-member-card"
            data-testid="member-row"
            title={
              <span className="fp-member-card-title">
                <Name member={member} />
                <Tag>{label('relation', member.relation)}</Tag>
                <span className="fp-muted fp-member-card-sub">{label('sex', member.sex)}</span>
              </span>
            }
          >
            <Descriptions
              size="small"
              column={1}
              colon={false}
              classNames={{ label: 'fp-desc-label' }}
              items={[
                { key: 'id', label: t('member.idNumber'), children: idNumber(member) },
                { key: 'birth', label: t('member.birthYear'), children: <BirthYear year={member.birthYear} /> },
                ...(canSeeHealth
                  ? [{ key: 'health', label: t('member.health'), children: <HealthTag health={member.health ?? ''} /> }]
                  : []),
                {
                  key: 'labour',
                  label: t('member.labourCapacity'),
                  children: label('labourCapacity', member.labourCapacity),
                },
                { key: 'school', label: t('member.schooling'), children: label('schooling', member.schooling) },
                { key: 'migrant', label: t('member.migrantMonths'), children: migrant(member) },
                { key: 'flags', label: t('member.flags'), children: <Flags member={member} /> },
              ]}
            />
          </Card>
        ))}
      </div>
    );
  }

  const columns: TableColumnsType<Member> = [
    { title: t('member.name'), key: 'name', fixed: 'left', render: (_, m) => <Name member={m} /> },
    { title: t('member.relation'), dataIndex: 'relation', render: (v: string) => label('relation', v) },
    { title: t('member.sex'), dataIndex: 'sex', render: (v: string) => label('sex', v) },
    {
      title: t('member.birthYear'),
      dataIndex: 'birthYear',
      render: (v: number | null) => <BirthYear year={v} stacked />,
    },
    { title: t('member.idNumber'), key: 'id', render: (_, m) => idNumber(m) },
    ...(canSeeHealth
      ? [
          {
            title: t('member.health'),
            dataIndex: 'health',
            render: (v: string | null) => <HealthTag health={v ?? ''} />,
          },
        ]
      : []),
    {
      title: t('member.labourCapacity'),
      dataIndex: 'labourCapacity',
      render: (v: string) => label('labourCapacity', v),
    },
    { title: t('member.schooling'), dataIndex: 'schooling', render: (v: string) => label('schooling', v) },
    { title: t('member.migrantMonths'), key: 'migrant', render: (_, m) => migrant(m) },
    { title: t('member.flags'), key: 'flags', render: (_, m) => <Flags member={m} /> },
  ];

  return (
    <>
      <Table<Member>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        className="fp-members-table"
        onRow={() => ({ 'data-testid': 'member-row' }) as HTMLAttributes<HTMLElement>}
      />
      {healthNote}
    </>
  );
}
